import Foundation
import Testing

/// `gloss --version` and `gloss demo --into DIR`.
@Suite("version and demo")
struct VersionAndDemoTests {
    @Test("--version prints a version number")
    func version() throws {
        let result = try gloss("--version")
        #expect(result.status == 0, "\(result)")
        #expect(matches(result.stdout, "^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?\n$"), "\(result)")
        #expect(result.stderr == "")
    }

    static let demoAvailable = FileManager.default.fileExists(
        atPath: PackagePaths.demo.appendingPathComponent("project.json").path)

    @Test("demo --into copies Samples/demo owner-only and leaves the repository's Samples untouched",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout, so there is no demo project to copy"))
    func demoCopy() throws {
        try withTemporaryFolder { folder in
            let samplesBefore = try FolderSnapshot(PackagePaths.samples)
            let demoBefore = try FolderSnapshot(PackagePaths.demo)
            let target = folder.url.appendingPathComponent("demo-copy")

            let result = try gloss("demo", "--into", target.path)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("Demo project copied to \(target.path)\n"), "\(result)")
            #expect(result.stderr == "")

            expectUnchanged(samplesBefore, try FolderSnapshot(PackagePaths.samples), "Samples after gloss demo")

            // The copy holds every project file of Samples/demo (not locks, journals or hidden files), byte for byte.
            let copy = try FolderSnapshot(target)
            func copied(_ path: String) -> Bool {
                let name = (path as NSString).lastPathComponent
                return !path.split(separator: "/").contains { $0.hasPrefix(".") } && !name.hasSuffix(".lock") && !name.hasSuffix(".journal")
            }
            #expect(copy.entries.keys.sorted() == demoBefore.entries.keys.filter(copied).sorted())
            for (path, entry) in demoBefore.entries where copied(path) {
                switch (entry, copy.entries[path]) {
                case let (.file(_, bytes), .file(mode, copiedBytes)?):
                    #expect(copiedBytes == bytes, "\(path) differs from Samples/demo")
                    #expect(mode == 0o600, "\(path) has mode \(octal(mode))")
                case let (.folder, .folder(mode)?):
                    #expect(mode == 0o700, "\(path) has mode \(octal(mode))")
                default:
                    Issue.record("\(path) was not copied as it is in Samples/demo")
                }
            }
            #expect(try fileMode(target) == 0o700)

            // The copy is a working project.
            let validate = try gloss("validate", target.path)
            #expect(validate.status == 0, "\(validate)")
        }
    }
}
