import GlossCore
import GlossTerminal

/// What the review meeting's `update` asks for. `ReviewRunner` runs it against the consensus session (a
/// normal session, journalled, so `u` is a real undo), the decision log and the shared codebook.
public enum ReviewEffect: Equatable, Sendable {
    /// Journal a decision's changes as one action labelled `review <item>` (or `unchanged` when it changes
    /// nothing, so `u` finds an action of its own), then log the record. `accept` first puts a proposed
    /// code into the shared codebook. If the log cannot be written, the action is taken back.
    case decide(item: String, changes: [SessionChange], unchanged: SessionChange, record: DecisionRecord, accept: Code?)
    /// Append a record to the decision log (a skip or a note).
    case log(DecisionRecord)
    /// Take back the last decision (`item`); `withdraw` takes a code it accepted back out of the codebook.
    case undo(item: String, withdraw: CodeID?, record: DecisionRecord)
    /// Add a coding rule to a shared code, and log it.
    case addRule(String, code: CodeID, record: DecisionRecord)
    /// Fold the consensus journal into its session file (a quiet moment).
    case checkpoint
    /// Read the transcript of the item's chat (its quotes are shown with the messages around them).
    case loadChat(String)
    case quit
    case suspend
}

/// What the review meeting hears: keys, sizes, and the result of every effect.
public enum ReviewMessage: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case idle
    /// A decision is in the consensus and the log; `codebook` is set when it changed (an accepted code).
    case decided(item: String, record: DecisionRecord, consensus: Session, codebook: Codebook?)
    case logged(DecisionRecord)
    /// The last decision was taken back; `earlier` is the item's decision now in force (decided twice).
    case undone(item: String, consensus: Session, codebook: Codebook?, earlier: DecisionRecord?)
    case ruleAdded(code: CodeID, codebook: Codebook)
    case chatLoaded(Chat)
    case chatUnreadable(id: String, reason: String)
    /// An effect failed; `consensus` and `codebook` are as they now stand (what it had done is taken back).
    case failed(String, consensus: Session, codebook: Codebook)
}
