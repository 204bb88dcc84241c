/// Rows read page by page as the consumer asks for them, so a long list never sits in memory.
///
/// `fetch` gets how many items are still wanted and the cursor after the last item seen (nil
/// at the start) and returns the next page with each item's cursor. The cursor is whatever the
/// query's keyset needs: a row id, or several columns when the order is not unique on one.
public struct KeysetSequence<Element: Sendable, Cursor: Sendable>: AsyncSequence, Sendable {
    typealias Fetch = @Sendable (_ remaining: Int, _ after: Cursor?) async throws -> [(Element, Cursor)]

    let pageSize: Int
    let limit: Int?
    let fetch: Fetch

    public func makeAsyncIterator() -> Iterator {
        Iterator(pageSize: pageSize, remaining: limit ?? Int.max, fetch: fetch)
    }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        let pageSize: Int
        var remaining: Int
        let fetch: Fetch
        var cursor: Cursor?
        var buffer: [Element] = []
        var exhausted = false

        init(pageSize: Int, remaining: Int, fetch: @escaping Fetch) {
            self.pageSize = pageSize
            self.remaining = remaining
            self.fetch = fetch
        }

        public mutating func next() async throws -> Element? {
            guard remaining > 0 else { return nil }
            if buffer.isEmpty, !exhausted {
                let wanted = Swift.min(remaining, pageSize)
                let page = try await fetch(wanted, cursor)
                exhausted = page.count < wanted
                cursor = page.last?.1 ?? cursor
                buffer = page.map { $0.0 }.reversed()
            }
            guard let next = buffer.popLast() else { return nil }
            remaining -= 1
            return next
        }
    }
}

/// Pages whose keyset is one increasing integer (a row id, an event `seq`, an offset).
public typealias PagedSequence<Element: Sendable> = KeysetSequence<Element, Int64>
