import Foundation

/// Checks every file of a project and every coding against its chat and codebook (`gloss validate`).
public enum ProjectValidator {
    public struct Report: Sendable {
        public var errors: [GlossError] = []
        public var warnings: [GlossError] = []
        /// What was checked, in words ("12 chats", "2 sessions, 143 codings").
        public var checked: [String] = []
        public var isClean: Bool { errors.isEmpty }
    }

    public static func validate(_ root: URL) -> Report {
        var report = Report()
        let project: Project
        do {
            project = try Project.load(root)
        } catch let error as GlossError {
            report.errors.append(error)
            return report
        } catch let errors as GlossErrors {
            report.errors.append(contentsOf: errors.errors)
            return report
        } catch {
            report.errors.append(GlossError(file: root.path, "\(error)"))
            return report
        }
        report.checked.append("project.json and codebook (\(project.codebook.count) codes, revision \(project.codebook.revision))")
        report.checked.append("\(project.chats.count) chats (\(project.chats.reduce(0) { $0 + $1.messages.count }) messages)")
        for (index, figure) in project.config.figures.enumerated() where project.codebook.resolve(figure.category) == nil {
            report.errors.append(GlossError(file: project.configURL.path, place: "figures[\(index)].category",
                                            "no code \"\(figure.category)\" in the codebook"))
        }
        var codingTotal = 0
        for coder in project.coders {
            let file = SessionStore.urls(projectRoot: root, coder: coder).snapshot.path
            do {
                let session = try project.readSession(coder)
                codingTotal += session.codingCount
                check(session, file: file, project: project, into: &report)
            } catch let error as GlossError {
                report.errors.append(error)
            } catch {
                report.errors.append(GlossError(file: file, "\(error)"))
            }
        }
        report.checked.append("\(project.coders.count) session(s), \(codingTotal) codings")
        checkPermissions(root, into: &report)
        return report
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
        for (chat, _) in session.chatStatuses.sorted(by: { $0.key < $1.key }) where project.chat(chat) == nil {
            report.errors.append(GlossError(file: file, place: "chats.\(chat)", "no chat \"\(chat)\" in the project"))
        }
        for coding in session.orderedCodings {
            let place = "coding \(coding.id) (chat \(coding.chat), message \(coding.span.from.message))"
            guard let chat = project.chat(coding.chat) else {
                report.errors.append(GlossError(file: file, place: place, "no chat \"\(coding.chat)\" in the project"))
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
                report.errors.append(GlossError(file: file, place: place,
                                                "the transcript changed under the quote: it was \"\(abbreviate(coding.text))\", the text there is now \"\(abbreviate(now))\""))
            }
            if session.status(of: coding.chat) == .notStarted {
                report.warnings.append(GlossError(file: file, place: place, "the chat has codings but is marked not started"))
            }
        }
    }

    static func checkPermissions(_ root: URL, into report: inout Report) {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return }
        for case let relative as String in walker where !relative.hasPrefix(".git") {
            let path = root.appendingPathComponent(relative).path
            // lstat, not attributesOfItem: that also looks up the owner's and group's names (NSS, which on a
            // managed machine asks nscd or LDAP over a socket). Gloss needs the mode bits only.
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let mode = Int(info.st_mode & 0o7777)
            if mode & 0o077 != 0 {
                report.warnings.append(GlossError(file: path, String(format: "is readable by others (mode %o); chmod go-rwx keeps transcripts private", mode)))
            }
        }
    }

    static func abbreviate(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 60 ? String(flat.prefix(57)) + "…" : flat
    }
}
