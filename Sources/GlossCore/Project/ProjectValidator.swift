import Foundation

/// Checks every file of a project and every coding against its chat and codebook (`gloss validate`).
public enum ProjectValidator {
    public struct Report: Sendable {
        public var errors: [GlossError] = []
        public var warnings: [GlossError] = []
        /// What was checked, in words ("12 chats", "2 sessions, 143 codings").
        public var checked: [String] = []
        public var isClean: Bool { errors.isEmpty }

        /// Adds errors, leaving out those about a file already reported (a link found by the walk, then
        /// refused again by loading).
        mutating func add(errors new: [GlossError]) {
            let known = Set(errors.compactMap(\.file))
            errors.append(contentsOf: new.filter { $0.file == nil || !known.contains($0.file!) })
        }
    }

    public static func validate(_ root: URL) -> Report {
        var report = Report()
        let entries = ProjectWalk.entries(root)
        checkLinks(entries, into: &report)
        let project: Project
        do {
            // Every transcript is parsed: a check trusts no cache (and writes none).
            project = try Project.load(root, useCatalog: false)
        } catch let error as GlossError {
            report.add(errors: [error])
            return report
        } catch let errors as GlossErrors {
            report.add(errors: errors.errors)
            return report
        } catch {
            report.errors.append(GlossError(file: root.path, "\(error)"))
            return report
        }
        report.checked.append("project.json and codebook (\(project.codebook.count) codes, revision \(project.codebook.revision))")
        report.checked.append("\(project.chatCount) chats (\(project.summaries.reduce(0) { $0 + $1.messageCount }) messages)")
        report.errors += project.config.figureProblems(in: project.codebook, file: project.configURL.path)
        checkCases(project, into: &report)
        var codingTotal = 0
        for coder in project.coders {
            let file = SessionStore.urls(projectRoot: root, coder: coder).snapshot.path
            do {
                // Damage in the journal is recovered as the workbench would; say where it was.
                let session = try project.readSession(coder) { report.warnings.append(GlossError($0)) }
                codingTotal += session.codingCount
                check(session, file: file, project: project, into: &report)
            } catch let error as GlossError {
                report.errors.append(error)
            } catch {
                report.errors.append(GlossError(file: file, "\(error)"))
            }
        }
        report.checked.append("\(project.coders.count) session(s), \(codingTotal) codings")
        checkLogs(project, into: &report)
        checkPermissions(entries, into: &report)
        return report
    }

    /// The case attributes: `cases.csv` must parse (an error), values that do not fit their variable are warnings,
    /// and a figure on a variable must name one. Said only where the project has variables or cases of its own.
    static func checkCases(_ project: Project, into report: inout Report) {
        do {
            let table = try project.caseTable()
            if !table.variables.isEmpty || table.caseIDs.count > table.chatIDs.count {
                report.checked.append("\(table.caseIDs.count) case(s), \(table.variables.count) variable(s)")
            }
            report.warnings.append(contentsOf: table.problems.map { GlossError($0.description) })
            for figure in project.config.variableFigures where table.variable(figure.variable) == nil {
                report.errors.append(GlossError(file: project.configURL.path, place: "figure \(figure.number)",
                                                "no variable \(GlossError.quoted(figure.variable)) in the project"))
            }
        } catch let error as GlossError {
            report.errors.append(error)
        } catch let errors as GlossErrors {
            report.errors.append(contentsOf: errors.errors)
        } catch {}
    }

    /// The append-only logs (codebook changes, review decisions): damage is a warning naming file and line.
    static func checkLogs(_ project: Project, into report: inout Report) {
        func note(_ text: String) { report.warnings.append(GlossError(text)) }
        do { _ = try project.codebookChanges(warn: note) } catch let error as GlossError { report.errors.append(error) } catch {}
        let reviews = project.root.appendingPathComponent("reviews")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: reviews.path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        for name in names {
            do { try DecisionLog(url: reviews.appendingPathComponent(name)).notes.forEach(note) }
            catch let error as GlossError { report.errors.append(error) } catch {}
        }
    }

    static func check(_ session: Session, file: String, project: Project, into report: inout Report) {
        let expectedCoder = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if session.coder != expectedCoder {
            report.errors.append(GlossError(file: file, place: "coder", "is \"\(session.coder)\" but the file is named for \"\(expectedCoder)\""))
        }
        if session.codebookRevision > project.codebook.revision {
            report.warnings.append(GlossError(file: file, place: "codebook_revision",
                                              "the session was made with codebook revision \(session.codebookRevision), newer than the project's \(project.codebook.revision)"))
        }
        for (chat, _) in session.chatStatuses.sorted(by: { $0.key < $1.key }) where project.index(of: chat) == nil {
            report.errors.append(GlossError(file: file, place: "chats.\(chat)", "no chat \"\(chat)\" in the project"))
        }
        var codesByChat: [String: Set<CodeID>] = [:]
        for coding in session.orderedCodings {
            codesByChat[coding.chat, default: []].formUnion(coding.codes)
            let place = "coding \(coding.id) (chat \(coding.chat), message \(coding.span.from.message))"
            guard project.index(of: coding.chat) != nil else {
                report.errors.append(GlossError(file: file, place: place, "no chat \"\(coding.chat)\" in the project"))
                continue
            }
            // Codings come in chat order, so each transcript is read once (`Project` keeps the last few).
            let chat: Chat
            do {
                chat = try project.loadChat(coding.chat)
            } catch let error as GlossError {
                report.add(errors: [error])
                continue
            } catch {
                continue
            }
            if let problem = chat.problem(with: coding.span) {
                report.errors.append(GlossError(file: file, place: place, problem))
                continue
            }
            for code in coding.codes where !project.codebook.contains(code) && session.proposedCodes[code] == nil {
                report.errors.append(GlossError(file: file, place: place, "unknown code id \(code)"))
            }
            if Set(coding.codes).count != coding.codes.count {
                report.errors.append(GlossError(file: file, place: place, "names a code twice"))
            }
            let now = chat.text(of: coding.span)
            if !ScalarText.identical(now, coding.text) {
                report.errors.append(GlossError(file: file, place: place, drift(stored: coding.text, now: now)))
            }
            if session.status(of: coding.chat) == .notStarted {
                report.warnings.append(GlossError(file: file, place: place, "the chat has codings but is marked not started"))
            }
        }
        for (chat, codes) in codesByChat.sorted(by: { $0.key < $1.key }) {
            for conflict in ExclusiveCategories.conflicts(in: project.codebook, codes: codes) {
                let names = conflict.subCodes.map { GlossError.quoted(project.codebook[$0]?.name ?? $0.rawValue) }.joined(separator: " and ")
                report.warnings.append(GlossError(file: file, place: "chat \(chat)",
                                                  "has \(names), which exclude each other (\(GlossError.quoted(project.codebook.path(of: conflict.category) ?? "")) is exclusive)"))
            }
        }
    }

    /// Every symbolic link in the project is an error: Gloss refuses to open a file or folder through one,
    /// and a link in a project that came by git or zip can point anywhere.
    static func checkLinks(_ entries: ProjectWalk.Entries, into report: inout Report) {
        for entry in entries.items where SecureFiles.isLink(entry.mode) {
            report.errors.append(SecureFiles.linkError(entry.path))
        }
        if entries.truncated {
            report.warnings.append(GlossError(file: entries.root, "has more than \(ProjectWalk.limit) files and folders; only the first were checked for links and permissions"))
        }
    }

    static func checkPermissions(_ entries: ProjectWalk.Entries, into report: inout Report) {
        for entry in entries.items where !SecureFiles.isLink(entry.mode) && entry.mode & 0o077 != 0 {
            let mode = Int(entry.mode & 0o7777)
            report.warnings.append(GlossError(file: entry.path, String(format: "is readable by others (mode %o); chmod go-rwx keeps transcripts private", mode)))
        }
    }

    /// Says where the transcript now differs from a quote's stored text, by position only: messages end up in
    /// terminals and logs, and transcript text never belongs there.
    static func drift(stored: String, now: String) -> String {
        let a = Array(stored.unicodeScalars), b = Array(now.unicodeScalars)
        var first = 0
        while first < a.count && first < b.count && a[first] == b[first] { first += 1 }
        return "the transcript changed under the quote: the quote's stored text (\(a.count) characters) and the text there now "
            + "(\(b.count) characters) differ from character \(first + 1) of the quote on"
    }
}
