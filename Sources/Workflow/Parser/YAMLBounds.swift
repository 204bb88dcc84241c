/// The limits a YAML document must keep before it is composed into a node tree.
///
/// YAML aliases (`*name`) repeat the node their anchor (`&name`) labels, so a document of a few
/// hundred bytes can stand for billions of nodes ("billion laughs"). Yams composes such a
/// document cheaply, sharing the repeated nodes, but hashes every mapping key to find duplicates:
/// an alias used as a key (`? *a9`) is walked in full, and a thread is pinned for minutes. Every
/// reader after that (`SourceNode`, `YAMLValue`) walks the repetitions too. So before anything is
/// composed, the document's events are counted (``YAMLEventScan``) and it is refused when:
/// - it is larger than ``bytes`` (a workflow is a page or two);
/// - its collections nest deeper than ``depth``;
/// - its aliases stand for more than ``aliasedNodes`` nodes in all, counting each alias as every
///   node of its anchor's node, aliases inside it included;
/// - a value holds a NUL character, which no PostgreSQL text can store (a team, a state or a
///   field value with one could be published but never used).
///
/// Anchors and aliases within these limits keep working as YAML says (one block reused in several
/// places); a workflow file has no use for more.
enum YAMLBounds {
    /// The largest document read: 1 MiB, the largest body `PUT /v1/workflows/{name}` accepts.
    static let bytes = 1 << 20
    /// How deep collections may nest; a workflow file needs about six levels.
    static let depth = 64
    /// How many nodes the aliases of one document may stand for, in all.
    static let aliasedNodes = 100_000

    /// What is wrong with a document that exceeds a limit.
    enum Excess: Error, Equatable {
        /// The document has this many bytes.
        case tooLarge(bytes: Int)
        /// A collection starting on this line is nested one level deeper than allowed.
        case tooDeep(line: Int)
        /// The alias on this line takes the nodes aliases stand for past the limit.
        case tooManyAliasedNodes(line: Int, alias: String)
        /// The scalar on this line holds a NUL character.
        case nul(line: Int)

        /// The line to report.
        var line: Int {
            switch self {
            case .tooLarge: 1
            case .tooDeep(let line), .tooManyAliasedNodes(let line, _), .nul(let line): line
            }
        }

        /// What to tell the author.
        var message: String {
            switch self {
            case .tooLarge(let bytes):
                "the document is \(bytes) bytes; the most a workflow document may have is \(YAMLBounds.bytes) (1 MiB)"
            case .tooDeep:
                "collections are nested more than \(YAMLBounds.depth) levels deep"
            case .tooManyAliasedNodes(_, let alias):
                "the alias '*\(alias)' takes the YAML aliases of this document past \(YAMLBounds.aliasedNodes) "
                    + "repeated nodes; an alias repeats every node of its anchor, so aliases of aliases multiply"
            case .nul:
                "a value holds a NUL character (\\0), which no text stored by Opsline may hold"
            }
        }
    }

    /// Checks `source` against the limits, without composing it.
    ///
    /// Broken YAML is not reported here: the scan stops at the first syntax error, having checked
    /// everything before it, and composing reports the error.
    /// - Returns: Whether the source is empty: YAML without a single node (blank, or only
    ///   comments).
    /// - Throws: The first limit exceeded.
    @discardableResult
    static func check(_ source: String) throws(Excess) -> Bool {
        let size = source.utf8.count
        guard size <= bytes else { throw .tooLarge(bytes: size) }
        var count = Count()
        let complete = try YAMLEventScan.scan(source) { event throws(Excess) in try count.add(event) }
        return complete && count.nodes == 0
    }

    /// Counts a document's nodes as its events arrive: the nesting, and the nodes each anchor
    /// labels and the aliases stand for.
    private struct Count {
        /// The open collections, innermost last: the anchor each is labelled with and its nodes
        /// so far.
        private var open: [(anchor: String?, nodes: Int)] = []
        /// How many nodes each anchor's node holds, aliases in it counted in full.
        private var anchored: [String: Int] = [:]
        /// How many nodes the aliases so far stand for.
        private var aliased = 0
        /// How many node events were seen.
        private(set) var nodes = 0

        mutating func add(_ event: YAMLEventScan.Event) throws(Excess) {
            switch event {
            case .scalar(let anchor, let line, let holdsNUL):
                guard !holdsNUL else { throw .nul(line: line) }
                nodes += 1
                close(nodes: 1, anchor: anchor)
            case .alias(let name, let line):
                nodes += 1
                // An undefined alias is left to Yams, which refuses it.
                let repeated = anchored[name] ?? 1
                aliased += repeated
                guard aliased <= aliasedNodes else { throw .tooManyAliasedNodes(line: line, alias: name) }
                close(nodes: repeated, anchor: nil)
            case .collectionStart(let anchor, let line):
                nodes += 1
                guard open.count < depth else { throw .tooDeep(line: line) }
                open.append((anchor, 1))
            case .collectionEnd:
                guard let collection = open.popLast() else { return }
                close(nodes: collection.nodes, anchor: collection.anchor)
            }
        }

        /// Adds a finished node to the collection around it, and records it under its anchor.
        private mutating func close(nodes count: Int, anchor: String?) {
            if let anchor { anchored[anchor] = count }
            if !open.isEmpty { open[open.count - 1].nodes += count }
        }
    }
}
