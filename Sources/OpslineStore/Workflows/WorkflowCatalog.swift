import Crypto
import Foundation
import Postgres
import Synchronization
import Workflow

/// Every published version of every workflow, parsed once and kept in memory.
///
/// Tasks name the version they started with, so old versions stay here as long as the
/// database has them. A version published by another replica is fetched on first use, and
/// every publication is announced (``NotifyChannel/workflows``) so that each replica's server
/// calls ``reload()`` and starts new tasks on it at once.
public final class WorkflowCatalog: Sendable {
    let pool: PostgresPool
    private let versions = Mutex<[String: [Int: PublishedWorkflow]]>([:])
    /// The business calendars the workflows' SLA durations are counted in.
    public let calendars: CalendarBook
    /// The receivers a workflow's `notify:` may name: those of the workflows folder's
    /// `receivers.yaml`.
    public let receivers: [String]
    /// The time schedules plan their next occurrence from when a workflow is published.
    let clock: OpslineClock

    /// Creates an empty catalog; call `reload()` to read what the database has.
    public init(
        pool: PostgresPool, calendars: CalendarBook = CalendarBook(), receivers: [String] = [],
        clock: OpslineClock = .system
    ) {
        self.pool = pool
        self.calendars = calendars
        self.receivers = receivers
        self.clock = clock
    }

    /// The calendars a task's clocks count in: its workflow version's (else elapsed time), and
    /// those its clocks keep (``SLAClock/calendar``).
    /// - Parameter version: The task's workflow version; without it, or while this replica has
    ///   not loaded that version, the latest version's calendar.
    public func slaCalendars(forWorkflow name: String, version: Int? = nil) -> SLACalendars {
        let known = version.flatMap { version in versions.withLock { $0[name]?[version] } }
        return calendars.slaCalendars(workflowCalendar: (known ?? latest(name))?.definition.calendar)
    }

    /// The definition of a task's workflow version, as this replica has it loaded (else the
    /// latest version's); nil for a workflow it does not know.
    public func loadedDefinition(_ name: String, version: Int) -> WorkflowDefinition? {
        let known = versions.withLock { $0[name]?[version] }
        return (known ?? latest(name))?.definition
    }

    /// Reads every published version from the database.
    public func reload() async throws {
        let rows = try await pool.withConnection { try await $0.query(WorkflowSQL.allVersions).rows }
        for row in rows { try remember(row) }
    }

    /// Publishes `source` as the next version of its workflow unless the latest version has the
    /// same content. Returns the current version either way.
    @discardableResult
    public func publish(source: String, file: String) async throws -> PublishedWorkflow {
        try await publishVersion(source: source, file: file).workflow
    }

    /// Publishes `source` as the next version of its workflow unless the latest version has the
    /// same content (the same SHA-256), and says which it was. Either way, its schedules'
    /// occurrences are planned (``planSchedules(of:on:)``), and every team the workflow
    /// names (``WorkflowDefinition/namedTeams``: its `team:`, its escalations' and its spawned
    /// children's) is registered in the same transaction if it was not a team yet, so that its
    /// tasks land in teams that exist.
    /// - Parameters:
    ///   - source: The workflow's YAML (or JSON, which is YAML too).
    ///   - file: The name error messages give the source.
    /// - Returns: The current version, and whether publishing created it.
    /// - Throws: `WorkflowLoadErrors`, with every problem, when the source does not load on its
    ///   own; checks across workflows (``WorkflowLibrary``) are the caller's.
    public func publishVersion(source: String, file: String) async throws -> WorkflowPublication {
        let definition = try WorkflowParser.parse(source, file: file)
        let checksum = SHA256.hash(data: Data(source.utf8)).hexString
        let (row, isNew) = try await pool.inTransaction { connection in
            // Serialises concurrent publishers of the same workflow (several replicas starting).
            try await connection.query(WorkflowSQL.lockWorkflowName, [definition.name])
            try await connection.query(PeopleSQL.registerTeams, [definition.namedTeams, nil as Date?])
            try await self.planSchedules(of: definition, on: connection)
            if let latest = try await connection.query(WorkflowSQL.latestVersion, [definition.name]).first,
                try latest.decode("checksum", as: String.self) == checksum
            {
                return (latest, false)
            }
            let inserted = try await connection.query(
                WorkflowSQL.insertNextVersion, [definition.name, definition.key, source, checksum]
            ).first!
            // Delivered at COMMIT: the other replicas re-read a version that is there.
            try await connection.query(WorkflowSQL.announcePublication, [definition.name])
            return (inserted, true)
        }
        return WorkflowPublication(workflow: try remember(row), isNewVersion: isNew)
    }

    /// Registers every team that a version this replica knows names (``WorkflowDefinition/namedTeams``)
    /// and that is not a team yet. Publishing does so for the versions it publishes; this covers
    /// versions published before teams were kept.
    func registerNamedTeams() async throws {
        let teams = versions.withLock { all in
            Set(all.values.flatMap { $0.values.flatMap(\.definition.namedTeams) })
        }
        guard !teams.isEmpty else { return }
        _ = try await pool.inTransaction { connection in
            try await connection.query(PeopleSQL.registerTeams, [teams.sorted(), nil as Date?])
        }
    }

    /// The latest version of every workflow, sorted by name, as the database has them now (so
    /// versions other replicas published count too).
    public func latestPublished() async throws -> [PublishedWorkflow] {
        let rows = try await pool.withIdempotentStatements { try await $0.query(WorkflowSQL.latestOfEach).rows }
        return try rows.map { try remember($0) }
    }

    /// The latest version of a workflow as the database has it now, or `nil` when it is not
    /// published.
    public func latestPublished(_ name: String) async throws -> PublishedWorkflow? {
        let row = try await pool.withIdempotentStatements {
            try await $0.query(WorkflowSQL.latestVersion, [name]).first
        }
        return try row.map { try remember($0) }
    }

    /// The latest version of every workflow, by name.
    func latestVersions() -> [PublishedWorkflow] {
        versions.withLock { all in
            all.values.compactMap { byVersion in byVersion.max { $0.key < $1.key }?.value }
        }.sorted { $0.name < $1.name }
    }

    /// The latest version of a workflow, if it is published.
    public func latest(_ name: String) -> PublishedWorkflow? {
        versions.withLock { $0[name]?.max { $0.key < $1.key }?.value }
    }

    /// The states that are final in some version of a workflow (none when it is not published).
    public func finalStates(_ name: String) async throws -> Set<String> {
        guard let latest = try await latestPublished(name) else { return [] }
        var states = Set<String>()
        for version in 1...latest.version {
            let definition = try await workflow(name, version: version).definition
            states.formUnion(definition.states.filter(\.isFinal).map(\.name))
        }
        return states
    }

    /// A specific version, fetched from the database when another replica published it.
    public func workflow(_ name: String, version: Int) async throws -> PublishedWorkflow {
        if let known = versions.withLock({ $0[name]?[version] }) { return known }
        return try await pool.withIdempotentStatements { try await self.workflow(name, version: version, on: $0) }
    }

    /// A specific version, read on `connection` when this replica does not know it yet. A command
    /// already holding a pooled connection reads it there: were it to borrow a second one, a full
    /// pool of such commands would wait on each other for ever.
    func workflow(_ name: String, version: Int, on connection: PostgresConnection) async throws -> PublishedWorkflow {
        if let known = versions.withLock({ $0[name]?[version] }) { return known }
        guard let row = try await connection.query(WorkflowSQL.oneVersion, [name, version]).first else {
            throw StoreError.workflowNotFound("\(name) version \(version)")
        }
        return try remember(row)
    }

    /// The row's version, parsed once: a published version never changes, so one already known
    /// is returned as it is.
    @discardableResult
    private func remember(_ row: PostgresRow) throws -> PublishedWorkflow {
        let name = try row.decode("workflow", as: String.self)
        let version = try row.decode("version", as: Int.self)
        if let known = versions.withLock({ $0[name]?[version] }) { return known }
        let source = try row.decode("source", as: String.self)
        let published = PublishedWorkflow(
            definition: try WorkflowParser.parse(source, file: "\(name)@v\(version)"), version: version,
            source: source, checksum: try row.decode("checksum", as: String.self),
            publishedAt: try row.decode("created_at", as: Date.self))
        versions.withLock { $0[name, default: [:]][version] = published }
        return published
    }
}
