import Foundation
import GlossAnalysis
import GlossCore

/// What `status`, `report` and `compare` say about a consensus session whose review meeting still has items
/// undecided (`ConsensusProgress`): its figures hold only what the meeting has settled so far, so they must
/// not look final.
enum ProvisionalNote {
    /// "consensus is provisional: 18 of 21 review items (anouk × bram) undecided; …", or nil for a session no
    /// meeting builds or one whose meetings are finished. A decision log that cannot be read is warned about.
    static func sentence(_ coder: String, in project: Project) throws -> String? {
        guard let progress = try ConsensusProgress.provisional(coder, in: project, warn: printWarning) else { return nil }
        return "\(coder) is \(progress.sentence); its figures hold only what the review has settled so far"
    }
}
