/// Why a request about subscriptions or deliveries was refused. The database is left untouched.
public enum NotificationError: Error, Sendable, Hashable {
    /// No subscription has this id or name (or the caller may not see it).
    case subscriptionNotFound(String)
    /// No delivery has this id (or the caller may not see it).
    case deliveryNotFound(String)
    /// A subscription of this name exists already.
    case duplicate(String)
    /// A value breaks the rules; `field` is the API's name for it (`events`, `channel.url`, …).
    case invalid(field: String, problem: String)
}

extension NotificationError: CustomStringConvertible {
    /// One sentence for people.
    public var description: String {
        switch self {
        case .subscriptionNotFound(let name): "no subscription \(name)"
        case .deliveryNotFound(let id): "no delivery \(id)"
        case .duplicate(let name): "subscription \(name) exists already"
        case .invalid(let field, let problem): "\(field) \(problem)"
        }
    }
}
