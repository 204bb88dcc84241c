import HummingbirdBcrypt
import NIOConcurrencyHelpers

/// Hashes and verifies users' passwords with bcrypt, on NIO's blocking thread pool
/// (``BlockingWork``): a bcrypt of cost 12 takes a quarter of a second of one core, which must
/// never hold one of the cooperative threads every request runs on.
///
/// A password is 8 to 72 bytes of UTF-8 without control characters: bcrypt reads no further
/// than 72 bytes, and a longer one is refused rather than silently cut.
struct PasswordHasher: Sendable {
    /// The fewest characters a password may have.
    static let minimumCharacters = 8
    /// The most UTF-8 bytes bcrypt reads.
    static let maximumBytes = 72
    /// How long a hash or a check may take, queue included, before the request gives up (503).
    static let timeLimit: Duration = .seconds(30)

    /// log2 of bcrypt's rounds for new hashes; a stored hash keeps the cost it was made with.
    let cost: UInt8
    /// A hash of nothing anyone types, made once with `cost`: checked against when a user is
    /// unknown or has no password, so that the answer takes as long as for a wrong password.
    private let decoy = NIOLockedValueBox<String?>(nil)

    /// A hasher making hashes of `cost` (4 to 31).
    init(cost: UInt8) {
        self.cost = min(max(cost, 4), 31)
    }

    /// Nil when `password` may be used, else what is wrong with it (completes "password …").
    static func problem(with password: String) -> String? {
        if password.count < minimumCharacters { return "must have at least \(minimumCharacters) characters" }
        if password.utf8.count > maximumBytes { return "must have at most \(maximumBytes) bytes of UTF-8" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not contain control characters"
        }
        return nil
    }

    /// The bcrypt hash of `password`; nil when the blocking pool did not get to it in time.
    func hash(_ password: String) async -> String? {
        await BlockingWork.run(within: Self.timeLimit) { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. With no hash (an unknown user, one without a
    /// password) it checks against a decoy and answers false, taking as long as a wrong password.
    func verify(_ password: String, against hash: String?) async -> Bool {
        let madeDecoy = decoy.withLockedValue { $0 }
        let matches = await BlockingWork.run(within: Self.timeLimit) { [cost, box = decoy] in
            guard let hash else {
                // Making the decoy costs what checking against it does (one bcrypt of `cost`),
                // so the first refusal takes no longer than the next.
                if let madeDecoy {
                    _ = Bcrypt.verify(password, hash: madeDecoy)
                } else {
                    let decoyHash = Bcrypt.hash(DecoyPassword.text, cost: cost)
                    box.withLockedValue { $0 = decoyHash }
                }
                return false
            }
            guard password.utf8.count <= Self.maximumBytes, !password.utf8.contains(0) else { return false }
            return Bcrypt.verify(password, hash: hash)
        }
        return matches ?? false
    }
}

/// What the decoy hash is made of; a check against it always answers false anyway.
private enum DecoyPassword {
    static let text = String(repeating: "opsline-decoy-", count: 8)
}
