import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The review meeting's I/O: the consensus session's store (with its lock), the decision log and the
/// shared codebook. Each effect's result goes back to `ReviewScreen.update` as a message.
public final class ReviewRunner: EffectRunner {
    public typealias Program = ReviewScreen
    public let store: SessionStore
    public let log: DecisionLog
    private var project: Project
    /// Who changes the codebook in the change log: the first person present, or the consensus.
    private let author: String

    init(store: SessionStore, log: DecisionLog, project: Project, author: String) {
        self.store = store
        self.log = log
        self.project = project
        self.author = author
    }

    /// Runs one effect. Every write that has several parts (the consensus, the decision log, the codebook) is
    /// all or nothing: when a later part fails, the earlier ones are taken back, so the session, the log and the
    /// codebook never disagree, and the failure message carries what the session and codebook now are.
    public func run(_ effect: ReviewEffect) -> [ReviewMessage] {
        switch effect {
        case .decide(let item, let changes, let unchanged, let record, let accept):
            return decide(item: item, changes: changes.isEmpty ? [unchanged] : changes, record: record, accept: accept)
        case .log(let record):
            do {
                try log.append(record)
                return [.logged(record)]
            } catch {
                return failure(error)
            }
        case .undo(let item, let withdraw, let record):
            return undo(item: item, withdraw: withdraw, record: record)
        case .addRule(let text, let code, let record):
            do {
                try project.addRule(text, to: code, by: author)
            } catch {
                return failure(error)
            }
            do {
                try log.append(record)
            } catch {
                // The rule is in the codebook (and its change log); only the meeting's note of it is missing,
                // which no decision or undo depends on. Say so rather than take a shared rule back.
                return failure(GlossError("the rule is in the codebook, but the decision log could not note it: \(error)"))
            }
            return [.ruleAdded(code: code, codebook: project.codebook)]
        case .checkpoint:
            do {
                if store.pendingRecords > 0 { try store.checkpoint() }
                return []
            } catch {
                return failure(error)
            }
        case .loadChat(let id):
            do {
                return [.chatLoaded(try project.loadChat(id))]
            } catch {
                return [.chatUnreadable(id: id, reason: "\(error)")]
            }
        case .quit, .suspend:
            return []
        }
    }

    /// The consensus action, then (for an accepted proposal) the codebook, then the log record; a failure
    /// takes back what was done before it.
    private func decide(item: String, changes: [SessionChange], record: DecisionRecord, accept: Code?) -> [ReviewMessage] {
        do {
            try store.perform(changes, label: "review \(item)")
        } catch {
            return failure(error)
        }
        var codebook: Codebook?
        if let accept {
            do {
                codebook = try project.acceptProposal(accept, by: author)
            } catch {
                return failure(error, rollback: { _ = try self.store.undo() })
            }
        }
        do {
            try log.append(record)
        } catch {
            return failure(error, rollback: {
                if let accept { _ = try self.project.withdrawCode(accept.id, by: self.author) }
                _ = try self.store.undo()
            })
        }
        return [.decided(item: item, record: record, consensus: store.session, codebook: codebook)]
    }

    /// Takes back the consensus action, then withdraws a code the decision accepted, then logs the undo;
    /// a failure redoes what was taken back.
    private func undo(item: String, withdraw: CodeID?, record: DecisionRecord) -> [ReviewMessage] {
        guard store.undoLabel == "review \(item)" else {
            return failure(GlossError(file: store.snapshotURL.path, "the consensus session changed outside this meeting; undo the decision there"))
        }
        do {
            try store.undo()
        } catch {
            return failure(error)
        }
        var codebook: Codebook?
        let accepted = withdraw.flatMap { project.codebook[$0] }
        if let withdraw {
            do {
                codebook = try project.withdrawCode(withdraw, by: author)
            } catch {
                return failure(error, rollback: { _ = try self.store.redo() })
            }
        }
        do {
            try log.append(record)
        } catch {
            return failure(error, rollback: {
                if let accepted { _ = try self.project.acceptProposal(accepted, by: self.author) }
                _ = try self.store.redo()
            })
        }
        return [.undone(item: item, consensus: store.session, codebook: codebook, earlier: log.decided[item])]
    }

    /// The failure message: the session and codebook as they are after `rollback` ran. A rollback that
    /// fails too is said, since then the meeting's files may disagree and need a look.
    private func failure(_ error: Error, rollback: (() throws -> Void)? = nil) -> [ReviewMessage] {
        var reason = "\(error)"
        if let rollback {
            do { try rollback() } catch { reason += "; taking the decision back failed too (\(error)): check the consensus session and the decision log" }
        }
        return [.failed(reason, consensus: store.session, codebook: project.codebook)]
    }

    /// Writes the consensus session and releases its lock.
    public func close(_ state: ReviewState) throws { try store.close() }
}

