import Foundation

/// Locates the PostgreSQL server programs (`initdb`, `pg_ctl`).
struct PostgresBinaries: Sendable, Hashable {
    /// The folder holding `initdb`, `pg_ctl` and `postgres`.
    public let directory: URL

    /// `initdb`'s path.
    public var initdb: String { directory.appendingPathComponent("initdb").path }
    /// `pg_ctl`'s path.
    var pgCtl: String { directory.appendingPathComponent("pg_ctl").path }

    /// Finds the programs: next to `initdb` on `PATH`, in `pg_config --bindir`, or in the newest
    /// `/usr/lib/postgresql/*/bin` (Debian puts the server programs there, off `PATH`).
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EmbeddedPostgresError) -> PostgresBinaries {
        let candidates = pathDirectories(environment) + [pgConfigBindir()].compactMap { $0 } + debianDirectories()
        for directory in candidates where hasServerPrograms(directory) {
            return PostgresBinaries(directory: URL(fileURLWithPath: directory).resolvingSymlinksInPath())
        }
        throw .binariesNotFound(searched: candidates)
    }

    private static func hasServerPrograms(_ directory: String) -> Bool {
        let manager = FileManager.default
        return manager.isExecutableFile(atPath: directory + "/initdb")
            && manager.isExecutableFile(atPath: directory + "/pg_ctl")
    }

    private static func pathDirectories(_ environment: [String: String]) -> [String] {
        (environment["PATH"] ?? "").split(separator: ":").map(String.init).compactMap { directory in
            let initdb = URL(fileURLWithPath: directory + "/initdb")
            guard FileManager.default.fileExists(atPath: initdb.path) else { return nil }
            // /usr/local/bin/initdb may be a link into the real bin folder that also holds pg_ctl.
            return initdb.resolvingSymlinksInPath().deletingLastPathComponent().path
        }
    }

    private static func pgConfigBindir() -> String? {
        guard let output = try? ProcessRunner.run("pg_config", ["--bindir"]), output.status == 0 else {
            return nil
        }
        let directory = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return directory.isEmpty ? nil : directory
    }

    private static func debianDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
    }
}
