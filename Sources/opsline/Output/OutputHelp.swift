/// The help paragraph on output formats that every group of client commands shows.
enum OutputHelp {
    /// `Output (-o): …`, where `-o name` prints `names`.
    ///
    /// - Parameter names: What `-o name` prints one of per line, such as `task id (CMP-42)`.
    static func text(names: String) -> String {
        """
        Output (-o): 'table' for people, 'json' for one JSON document, 'ndjson' for the \
        server's lines as they are, one JSON object per line, 'name' for one \(names) per line, \
        for xargs. Tables fit the terminal's width ($COLUMNS, else the terminal's; output into \
        a pipe or file is never cut) by cutting the widest cells with '…' and, when that is \
        not enough, leaving the least needed columns out; --no-headers leaves their header \
        line out. States and SLA statuses are coloured on a terminal unless \
        $NO_COLOR is set. Times are shown in the local time zone ($TZ), or in UTC with --utc; \
        an SLA clock's time left is working time (SLA LEFT (WORKING)), its deadline a \
        wall-clock time (DUE (LOCAL)).
        """
    }
}
