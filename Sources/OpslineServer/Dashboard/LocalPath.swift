import Foundation

/// Where to go after signing in (`/ui/login?next=…`): only a page of the dashboard on this
/// server, never another site (an open redirect would let a link to this server send people on
/// to a look-alike sign-in page).
enum LocalPath {
    /// The overview, where sign-in leads by default.
    static let home = "/ui/"

    /// `next` when it is a path of the dashboard — `/ui` or under `/ui/`, with no scheme, host,
    /// backslash, `..` segment or control character — else ``home``.
    static func next(_ next: String?) -> String {
        guard let next, next == "/ui" || next.hasPrefix("/ui/") else { return home }
        let path = next.split(separator: "?", maxSplits: 1).first.map(String.init) ?? next
        guard !next.contains("\\"), !next.contains("//"),
            !path.split(separator: "/").contains(".."),
            !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return home }
        return next
    }
}
