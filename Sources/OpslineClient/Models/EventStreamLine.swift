import Foundation
import NIOCore
import NIOFoundationCompat

/// One line of `GET /v1/events`: an event, or a heartbeat that says the followed stream is alive.
enum EventStreamLine: Sendable, Hashable {
    /// An event, and its line exactly as the server wrote it (without the `\n`).
    case event(EventLine, text: String)
    /// `{"type":"heartbeat","seq":N}`: nothing new; `seq` is the last event the server sent.
    case heartbeat(seq: Int)

    /// The event's `seq`, or the last `seq` a heartbeat reports.
    public var seq: Int {
        switch self {
        case .event(let event, _): event.seq
        case .heartbeat(let seq): seq
        }
    }

    /// Decodes one line of the event stream.
    ///
    /// - Throws: ``ClientError/badResponse(_:)`` when the line is neither an event nor a heartbeat.
    static func decode(_ bytes: ByteBuffer, decoder: JSONDecoder) throws(ClientError) -> EventStreamLine {
        let text = String(buffer: bytes)
        if text.contains(#""heartbeat""#), let probe = try? decoder.decode(Probe.self, from: bytes),
            probe.type == "heartbeat", probe.task == nil
        {
            return .heartbeat(seq: probe.seq ?? 0)
        }
        do {
            return .event(try decoder.decode(EventLine.self, from: bytes), text: text)
        } catch {
            let excerpt = text.count > 200 ? String(text.prefix(200)) + "…" : text
            throw .badResponse("a line is not an event: \(excerpt)")
        }
    }

    /// Just enough of a line to tell a heartbeat from an event.
    private struct Probe: Decodable {
        var type: String?
        var seq: Int?
        var task: String?
    }
}
