import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// Files on a task through the API: uploaded into an attachment field a transition requires,
/// listed on the task line, downloaded byte for byte; and refused — with nothing stored — when too
/// large, of a type not accepted, not what their type says, or sent by a caller who may not.
@Suite struct AttachmentRoutesTests {

    /// A PDF of `size` bytes: the signature, then bytes of every value.
    static func pdf(size: Int) -> [UInt8] {
        Array("%PDF-1.7\n".utf8) + (0..<(size - 9)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    }

    /// The items of a JSON array (none for anything else).
    static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// A task of the demo workflow.
    func task(_ api: APIClient) async throws -> String {
        #expect(try await api.put("evidence-demo", EvidenceDemo.workflow).status == .created)
        let reply = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"evidence-demo","title":"Launch QA"}"#)
        return try #require(reply.object["id"]?.stringValue, "\(reply.text)")
    }

    @Test func aFileUploadedIntoTheFieldATransitionRequiresLetsItThroughAndComesBackByteForByte() async throws {
        try await TestServer.make().run { api in
            let id = try await task(api)
            let refused = try await api.move(id, "finish")
            #expect(refused.status == .unprocessableContent, "no evidence yet: \(refused.text)")

            // 600 KiB: three chunks in the database.
            let file = Self.pdf(size: 600 * 1024)
            let uploaded = try await api.upload(
                file, to: id, name: "qa report 品质.pdf", type: "application/pdf", field: "evidence")
            #expect(uploaded.status == .created, "\(uploaded.text)")
            let attachment = try #require(Self.items(uploaded.object["attachments"]).last)
            let attachmentID = try #require(attachment["id"]?.stringValue)
            #expect(attachment["name"] == "qa report 品质.pdf")
            #expect(attachment["content_type"] == "application/pdf")
            #expect(attachment["size"]?.intValue == file.count)
            #expect(attachment["sha256"]?.stringValue == Self.hex(file))
            #expect(attachment["field"] == "evidence")
            #expect(attachment["uploaded_by"] == "admin")
            #expect(uploaded.object["fields"]?["evidence"]?.stringValue == attachmentID)
            #expect(uploaded.object["version"]?.intValue == 2)

            let moved = try await api.move(id, "finish")
            #expect(moved.status == .ok, "the evidence is there: \(moved.text)")

            let listed = try await api.send(.get, "/v1/tasks/\(id)/attachments")
            #expect(listed.lines == [attachment])
            let (response, bytes) = try await api.download("/v1/tasks/\(id)/attachments/\(attachmentID)")
            #expect(response.status == .ok)
            #expect(bytes == file, "the same bytes")
            #expect(response.headers[.contentType] == "application/pdf")
            #expect(response.headers[.eTag] == "\"\(Self.hex(file))\"")
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(
                response.headers[.contentDisposition]
                    == "attachment; filename=\"qa report __.pdf\"; filename*=UTF-8''qa%20report%20%E5%93%81%E8%B4%A8.pdf"
            )

            let history = try await api.send(.get, "/v1/tasks/\(id)/events")
            let attached = try #require(history.lines.first { $0["type"] == "attached" })
            #expect(attached["data"]?["attachment"] == attachment)
        }
    }

    @Test func aFileTooLargeOfAnotherTypeOrNotWhatItsTypeSaysIsRefusedAndNothingIsStored() async throws {
        var limits = AttachmentLimits()
        limits.maximumBytes = 4096
        try await TestServer.make().run(attachments: limits) { api in
            let id = try await task(api)
            let cases: [(bytes: [UInt8], type: String?, status: HTTPResponse.Status, code: String)] = [
                (Self.pdf(size: 4097), "application/pdf", .contentTooLarge, "too_large"),
                (
                    Array("#!/bin/sh\nrm -rf /\n".utf8), "application/x-sh", .unsupportedMediaType,
                    "unsupported_media_type"
                ),
                (Array("MZ\u{90}\u{0}binary".utf8), "application/pdf", .unsupportedMediaType, "unsupported_media_type"),
                ([0x50, 0x4B, 0x00, 0x41], "text/plain", .unsupportedMediaType, "unsupported_media_type"),
                (Self.pdf(size: 100), nil, .unsupportedMediaType, "unsupported_media_type"),
                ([], "text/plain", .badRequest, "bad_request"),
            ]
            for (bytes, type, status, code) in cases {
                let reply = try await api.upload(bytes, to: id, name: "f", type: type)
                #expect(reply.status == status, "\(type ?? "none"): \(reply.text)")
                #expect(reply.errorCode == code, "\(type ?? "none"): \(reply.text)")
            }
            let fieldOfAnotherType = try await api.upload(
                Self.pdf(size: 100), to: id, name: "f.pdf", type: "application/pdf", field: "note")
            #expect(fieldOfAnotherType.status == .unprocessableContent, "\(fieldOfAnotherType.text)")
            #expect(fieldOfAnotherType.object["error"]?["fields"]?["note"] != nil, "\(fieldOfAnotherType.text)")

            let task = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(task.object["attachments"] == [], "\(task.text)")
            #expect(task.object["version"]?.intValue == 1)
            // A text file whose first bytes end inside a character is still text.
            let text = Array(String(repeating: "品", count: 200).utf8)
            #expect(
                try await api.upload(text, to: id, name: "n.txt", type: "text/plain; charset=utf-8").status == .created)
        }
    }

    @Test func onlyThoseWhoMayWorkOnTheTaskAttachAndOnlyThoseWhoSeeItDownload() async throws {
        let server = try await TestServer.make()
        let viewer = try await server.mint(.viewer, teams: ["support"])
        let outsider = try await server.mint(.member, teams: ["billing"])
        try await server.run { api in
            let id = try await task(api)
            let file = Self.pdf(size: 100)
            #expect(
                try await api.upload(file, to: id, name: "a.pdf", type: "application/pdf", token: viewer).status
                    == .forbidden)
            #expect(
                try await api.upload(file, to: id, name: "a.pdf", type: "application/pdf", token: outsider).status
                    == .notFound)
            let uploaded = try await api.upload(file, to: id, name: "a.pdf", type: "application/pdf")
            let attachmentID = try #require(Self.items(uploaded.object["attachments"]).first?["id"]?.stringValue)
            let path = "/v1/tasks/\(id)/attachments/\(attachmentID)"
            #expect(try await api.download(path, token: viewer).0.status == .ok)
            #expect(try await api.download(path, token: outsider).0.status == .notFound)
            #expect(try await api.download("/v1/tasks/\(id)/attachments/not-an-id").0.status == .notFound)
            #expect(try await api.download("/v1/tasks/\(id)/attachments/\(UUID())").0.status == .notFound)
        }
    }

    @Test func aRetryWithTheSameKeyAttachesOnce() async throws {
        try await TestServer.make().run { api in
            let id = try await task(api)
            let file = Self.pdf(size: 2000)
            let first = try await api.upload(file, to: id, name: "a.pdf", type: "application/pdf", key: "upload-1")
            let again = try await api.upload(file, to: id, name: "a.pdf", type: "application/pdf", key: "upload-1")
            #expect(first.status == .created && again.status == .created)
            #expect(again.lines == first.lines, "the first answer, replayed")
            let other = try await api.upload(
                Self.pdf(size: 2001), to: id, name: "a.pdf", type: "application/pdf", key: "upload-1")
            #expect(other.status == .conflict, "another file under the same key: \(other.text)")
            let listed = try await api.send(.get, "/v1/tasks/\(id)/attachments")
            #expect(listed.lines.count == 1)
        }
    }
}

extension APIClient {
    /// `POST /v1/tasks/{id}/attachments` with `bytes` as the body.
    func upload(
        _ bytes: [UInt8], to id: String, name: String, type: String?, field: String? = nil, key: String? = nil,
        token: String = TestServer.adminSecret
    ) async throws -> Reply {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if let type { headers[.contentType] = type }
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        var query = "name=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        if let field { query += "&field=\(field)" }
        let response = try await client.execute(
            uri: "/v1/tasks/\(id)/attachments?\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes)
        )
        let text = String(buffer: response.body)
        let lines = try text.split(separator: "\n").map { try JSONValue.parse(Array($0.utf8)) }
        return Reply(status: response.status, headers: response.headers, lines: lines, text: text)
    }

    /// A GET whose answer is bytes (a downloaded file).
    func download(_ uri: String, token: String = TestServer.adminSecret) async throws -> (TestResponse, [UInt8]) {
        let response = try await client.execute(
            uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
        return (response, Array(buffer: response.body))
    }
}
