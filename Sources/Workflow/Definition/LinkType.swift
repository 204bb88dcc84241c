/// How two tasks are linked, besides parent and child.
public enum LinkType: String, Sendable, Hashable, CaseIterable {
    /// Two tasks about the same thing, either way round.
    case relatesTo = "relates_to"
    /// This task exists because of the other: a complaint's root cause led to an improvement
    /// task, a risk was raised for a launch, an incident is a risk that materialised. Seen from
    /// the other task, the link reads ``causes``.
    case causedBy = "caused_by"
    /// The other side of ``causedBy``: the other task exists because of this one. Not created
    /// under this name: a link is made from the task it causes.
    case causes

    /// The link as the other task sees it.
    public var reversed: LinkType {
        switch self {
        case .relatesTo: .relatesTo
        case .causedBy: .causes
        case .causes: .causedBy
        }
    }

    /// The types a link may be created with (`causes` is only ever seen from the other side).
    public static let creatable: [LinkType] = [.relatesTo, .causedBy]
}
