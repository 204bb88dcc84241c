import Foundation

/// How tables and times look for the command being run: how wide a table may be, whether it
/// starts with its header line, whether states and SLA statuses are coloured, and the time zone
/// times are shown in.
///
/// Every view reads ``current``, so a command sets it once (the CLI does, from its options and
/// the terminal) and every table it prints follows. Unless set, it is ``plain``: what a script
/// reading a file would want, and what the views' tests expect.
///
/// ```swift
/// let presentation = Presentation(width: 60, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
/// let text = Presentation.$current.withValue(presentation) { TaskListView.render(tasks) }
/// ```
public struct Presentation: Sendable, Hashable {
    /// The widest a table line may be, in terminal columns; `nil` for no limit.
    public var width: Int?
    /// Whether tables start with their header line (nested tables of a detail block always do).
    public var headers: Bool
    /// Whether states and SLA statuses are coloured with ANSI escapes.
    public var colour: Bool
    /// The time zone times are shown in.
    public var timeZone: TimeZone

    /// Creates a presentation.
    public init(width: Int? = nil, headers: Bool = true, colour: Bool = false, timeZone: TimeZone = Self.utc) {
        self.width = width
        self.headers = headers
        self.colour = colour
        self.timeZone = timeZone
    }

    /// UTC.
    public static let utc = TimeZone(identifier: "UTC")!

    /// No width limit, headers, no colour, times in UTC.
    public static let plain = Presentation()

    /// The presentation of the command being run.
    @TaskLocal public static var current = Presentation.plain

    /// `UTC` when times are shown in UTC, else `LOCAL`: the label of columns of wall-clock times,
    /// such as `DUE (LOCAL)`.
    public var timeZoneLabel: String {
        Self.utcNames.contains(timeZone.identifier) ? "UTC" : "LOCAL"
    }

    private static let utcNames: Set<String> = [
        "UTC", "GMT", "UCT", "Zulu", "Universal", "Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Zulu", "Etc/Universal",
        "GMT+0", "GMT-0", "GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Greenwich", "Etc/Greenwich",
    ]
}

extension Presentation {
    /// Whether to colour: only tables, only on a terminal, and only when `NO_COLOR` is unset or
    /// empty (https://no-color.org).
    ///
    /// - Parameters:
    ///   - table: Whether the output is a table (JSON, NDJSON and names are never coloured).
    ///   - terminal: Whether standard output is a terminal.
    ///   - environment: The process environment.
    public static func usesColour(table: Bool, terminal: Bool, environment: [String: String]) -> Bool {
        table && terminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    /// How wide tables may be: `COLUMNS` when it is a positive number, else the terminal's width,
    /// else no limit (output into a file or a pipe is never cut).
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - terminalColumns: The width of the terminal standard output is, `nil` when it is none.
    public static func width(environment: [String: String], terminalColumns: Int?) -> Int? {
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)),
            columns > 0
        {
            return columns
        }
        guard let terminalColumns, terminalColumns > 0 else { return nil }
        return terminalColumns
    }

    /// The time zone to show times in: UTC when asked (`--utc`), else `TZ` when it names a zone
    /// (`Asia/Shanghai`, `:Europe/Paris`), else the system's.
    public static func timeZone(utc: Bool, environment: [String: String]) -> TimeZone {
        if utc { return Self.utc }
        if var name = environment["TZ"], !name.isEmpty {
            if name.hasPrefix(":") { name.removeFirst() }
            if let zone = TimeZone(identifier: name) { return zone }
        }
        return TimeZone.current
    }
}
