import Foundation
import Hummingbird
import NIOCore
import Workflow

/// The line format of every body: UTF-8 JSON objects, one per `\n`-terminated line.
enum NDJSON {
    /// `application/x-ndjson`.
    static let contentType = "application/x-ndjson"

    /// The API's limits (docs/api.md, "Limits").
    enum Limits {
        static let lineBytes = 1 << 20
        static let bodyBytes = 32 << 20
        static let lines = 10_000
        /// How long a client may take to send a whole body, by default (a slow client cannot
        /// hold a task): `ServerConfiguration.bodyTimeout`, `BodyDeadlineHandler`.
        static let bodyReadTime = Duration.seconds(60)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        return encoder
    }()

    /// An encodable line as a `JSONValue` (to store it, or to nest it in a result line).
    static func value(_ line: some Encodable) -> JSONValue {
        guard let data = try? encoder.encode(line), let value = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return .null }
        return value
    }

    /// One JSON value as one line, `\n` included.
    static func buffer(_ value: JSONValue) -> ByteBuffer {
        buffer(lines: CollectionOfOne(value))
    }

    /// Values as lines, one each, `\n` included, in one buffer.
    static func buffer(lines values: some Sequence<JSONValue>) -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 * values.underestimatedCount)
        for value in values {
            value.write(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return ByteBuffer(bytes: bytes)
    }

    /// One value as one line, `\n` included.
    static func buffer(_ value: some Encodable) -> ByteBuffer {
        var data =
            (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"unencodable line"}}"#.utf8)
        data.append(UInt8(ascii: "\n"))
        return ByteBuffer(data: data)
    }
}
