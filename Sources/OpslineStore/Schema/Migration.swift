import Foundation

/// One numbered SQL file from `schema/migrations/` (`0001_initial.sql`).
public struct Migration: Sendable, Hashable {
    /// The number that orders migrations; never reused.
    public let version: Int
    /// The file name, recorded with the version.
    public let name: String
    /// The SQL to run, as one transaction.
    public let sql: String

    /// Creates a migration (tests use this for migrations of their own).
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The migrations shipped with this build, in order.
    ///
    /// The files live in the target's `Migrations/` resource folder (linked from
    /// `schema/migrations/`), so the files reviewed as SQL are the files that run.
    static func bundled() throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            return []
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        return try files.filter { $0.pathExtension == "sql" }.compactMap { file in
            let name = file.lastPathComponent
            guard let version = Int(name.prefix { $0.isNumber }) else { return nil }
            return Migration(version: version, name: name, sql: try String(contentsOf: file, encoding: .utf8))
        }.sorted { $0.version < $1.version }
    }
}
