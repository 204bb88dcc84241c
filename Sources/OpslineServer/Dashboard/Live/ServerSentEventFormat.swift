import Foundation
import NIOCore
import OpslineStore

/// The dashboard's live stream as Server-Sent Events (`text/event-stream`): per event an `id:`
/// (its `seq`, which the browser sends back as `Last-Event-ID` when it reconnects), the event
/// name `change`, and a small JSON `data:` line — the seq, the task, its workflow and the type —
/// enough for a page to decide whether to re-read itself. The page reads the rest from the page.
///
/// A heartbeat is a comment with an `id:` too, so a reconnect resumes after what the heartbeat
/// covered rather than from the last change the reader saw.
struct ServerSentEventFormat: EventStreamFormat {
    /// The `event:` name of a change.
    static let change = "change"
    /// The `event:` name of the last message of a stream whose session ended: the page stops
    /// listening (a browser would otherwise reconnect, and be sent to sign in).
    static let ended = "ended"
    /// The `event:` name of the last message of a stream the server ends as it shuts down.
    static let shutdown = "shutdown"

    func encode(_ events: [EventRecord]) -> [ByteBuffer] {
        events.map { event in
            let change = Change(seq: event.seq, task: event.taskID, workflow: event.workflow, type: event.type)
            let data = (try? Self.encoder.encode(change)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return message(id: event.seq, event: Self.change, data: data)
        }
    }

    /// What a page learns of a change: enough to decide whether to read itself again.
    private struct Change: Encodable {
        let seq: Int64
        let task: String
        let workflow: String
        let type: String
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func heartbeat(_ seq: Int64) -> ByteBuffer {
        ByteBuffer(string: ": heartbeat\nid: \(seq)\n\n")
    }

    /// The first bytes of a stream: how soon to reconnect after a dropped connection.
    func opening(retry: Duration) -> ByteBuffer {
        let milliseconds = retry.components.seconds * 1000 + retry.components.attoseconds / 1_000_000_000_000_000
        return ByteBuffer(string: "retry: \(milliseconds)\n\n")
    }

    /// The last message of a stream whose session is over.
    func ending(_ reason: String) -> ByteBuffer {
        ByteBuffer(string: "event: \(Self.ended)\ndata: \(reason)\n\n")
    }

    /// The last message of a stream the server ends because it shuts down. Unlike `ended`, the
    /// page keeps listening: the browser reconnects after `retry:`, resuming after `seq`.
    func shuttingDown(_ seq: Int64) -> ByteBuffer {
        message(id: seq, event: Self.shutdown, data: "the server is shutting down")
    }

    private func message(id: Int64, event: String, data: String) -> ByteBuffer {
        ByteBuffer(string: "id: \(id)\nevent: \(event)\ndata: \(data)\n\n")
    }
}
