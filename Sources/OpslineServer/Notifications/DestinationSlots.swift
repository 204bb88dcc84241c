import Synchronization

/// How many sends this replica has in progress to each destination, so that a claim takes only
/// what there is room for: one slow receiver fills its own slots and no one else's.
final class DestinationSlots: Sendable {
    /// Sends at once to one destination.
    let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// The room left at each destination with sends in progress (others have `limit`).
    var room: [String: Int] {
        counts.withLock { $0.mapValues { max(0, limit - $0) } }
    }

    /// Counts a send to `destination` as started.
    func take(_ destination: String) {
        counts.withLock { $0[destination, default: 0] += 1 }
    }

    /// Counts a send to `destination` as ended.
    func release(_ destination: String) {
        counts.withLock { counts in
            let left = (counts[destination] ?? 1) - 1
            counts[destination] = left > 0 ? left : nil
        }
    }
}
