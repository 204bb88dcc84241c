import Foundation
@testable import OpslineServer
@testable import OpslineStore
@testable import Postgres
import Testing
import Yams

/// Keeps `schema/openapi.yaml` honest: it lists exactly the endpoints the server registers (the
/// routes the server's own router holds), only the probes go without a token, and its error
/// code enum holds exactly the codes the sources can produce.
@Suite struct OpenAPIDocumentTests {
    /// The OpenAPI document.
    static let documentURL = TestServer.repositoryRoot.appendingPathComponent("schema/openapi.yaml")
    /// The HTTP methods a path item may hold, in OpenAPI's lower case.
    static let operationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    /// The sources whose error code literals must all be documented (the store builds the
    /// `duplicate` refusal of a reused idempotency key itself).
    static let sourceFolders = ["Sources/OpslineServer", "Sources/OpslineStore"]

    @Test func theDocumentListsExactlyTheRegisteredEndpoints() throws {
        let registered = try Self.registeredEndpoints()
        let documented = try Self.documentedEndpoints()
        #expect(!registered.isEmpty, "the router holds no route")
        #expect(Set(registered).count == registered.count, "a route is registered twice: \(registered)")
        for endpoint in Set(registered).subtracting(documented).sorted() {
            Issue.record("the server registers \(endpoint), but schema/openapi.yaml does not list it")
        }
        for endpoint in Set(documented).subtracting(registered).sorted() {
            Issue.record("schema/openapi.yaml lists \(endpoint), but the server does not register it")
        }
    }

    @Test func onlyTheProbesNeedNoToken() throws {
        let document = try Self.document()
        let global = try #require(document["security"] as? [[String: Any]], "no global security")
        #expect(global.contains { $0["bearerAuth"] != nil }, "the global security is not bearerAuth")
        for operation in try Self.operations(document) {
            let (path, method) = (operation.path, operation.method)
            // The server puts AuthMiddleware on the `/v1` group and on nothing else.
            let needsToken = path.hasPrefix("/v1/")
            let security = operation.object["security"] as? [Any]
            if needsToken {
                #expect(security == nil || !security!.isEmpty, "\(method) \(path) must not waive the token")
            } else {
                #expect(security?.isEmpty == true, "\(method) \(path) needs no token: give it `security: []`")
            }
        }
    }

    @Test func everyPathParameterIsDeclared() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: Any])
        for operation in try Self.operations(document) {
            let (path, method) = (operation.path, operation.method)
            let item = paths[path] as? [String: Any] ?? [:]
            let parameters = (item["parameters"] as? [Any] ?? []) + (operation.object["parameters"] as? [Any] ?? [])
            let declared = Set(
                try parameters.compactMap { parameter -> String? in
                    let parameter = try Self.resolve(parameter, in: document)
                    return parameter["in"] as? String == "path" ? parameter["name"] as? String : nil
                })
            let inPath = Set(path.matches(of: #/\{(?<name>[^}]+)\}/#).map { String($0.output.name) })
            #expect(declared == inPath, "\(method) \(path): path parameters \(declared.sorted()) ≠ \(inPath.sorted())")
        }
    }

    @Test func theErrorCodeEnumHoldsEveryCodeTheSourcesProduce() throws {
        let document = try Self.document()
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let errorCode = try #require(schemas?["ErrorCode"] as? [String: Any], "no components.schemas.ErrorCode")
        let documented = Set(try #require(errorCode["enum"] as? [String], "ErrorCode has no enum"))
        let produced = try Self.producedErrorCodes()
        #expect(
            produced.contains("bad_line") && produced.contains("unauthenticated"), "the source scan found \(produced)")
        for code in produced.subtracting(documented).sorted() {
            Issue.record("the server produces error code '\(code)', but ErrorCode in schema/openapi.yaml lacks it")
        }
        for code in documented.subtracting(produced).sorted() {
            Issue.record("ErrorCode in schema/openapi.yaml lists '\(code)', which no source produces")
        }
    }

    // MARK: - Reading the server and the document

    /// The endpoints the server registers. Nothing connects: the pool and the signal are lazy.
    static func registeredEndpoints() throws -> [Endpoint] {
        let server = try TestServer.unreachable()
        return OpslineApplication.endpoints(
            database: server.database, signal: EventSignal(conninfo: server.pool.conninfo))
    }

    /// The document as YAML maps and lists.
    static func document() throws -> [String: Any] {
        let text = try String(contentsOf: documentURL, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "schema/openapi.yaml is not a mapping")
    }

    /// One operation of the document.
    struct Operation {
        /// Its path, as the document writes it.
        let path: String
        /// Its method, in upper case.
        let method: String
        /// The operation object.
        let object: [String: Any]
    }

    /// Every operation of the document, sorted by path.
    static func operations(_ document: [String: Any]) throws -> [Operation] {
        let paths = try #require(document["paths"] as? [String: Any], "schema/openapi.yaml has no paths")
        return try paths.keys.sorted().flatMap { path in
            let item = try #require(paths[path] as? [String: Any], "\(path) is not a path item")
            return operationKeys.compactMap { key in
                (item[key] as? [String: Any]).map { Operation(path: path, method: key.uppercased(), object: $0) }
            }
        }
    }

    /// The document's operations as endpoints.
    static func documentedEndpoints() throws -> [Endpoint] {
        try operations(try document()).map { Endpoint(method: $0.method, path: $0.path) }
    }

    /// A parameter, following a `$ref` into `components`.
    static func resolve(_ value: Any, in document: [String: Any]) throws -> [String: Any] {
        let object = try #require(value as? [String: Any])
        guard let reference = object["$ref"] as? String else { return object }
        var target: Any = document
        for key in reference.dropFirst(2).split(separator: "/") {
            target = try #require((target as? [String: Any])?[String(key)], "cannot resolve \(reference)")
        }
        return try #require(target as? [String: Any])
    }

    /// Every error code literal in the sources: `code: "…"` (the `APIError` initialiser, which
    /// the static helpers such as `APIError.notFound` use too) and `"code": "…"` (error objects
    /// built as JSON, including the raw-string fallback line).
    static func producedErrorCodes() throws -> Set<String> {
        let pattern = #/code"?\s*:\s*"(?<code>[a-z_]+)"/#
        var codes: Set<String> = []
        for folder in sourceFolders {
            let root = TestServer.repositoryRoot.appendingPathComponent(folder)
            let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            for case let file as URL in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                codes.formUnion(text.matches(of: pattern).map { String($0.output.code) })
            }
        }
        return codes
    }
}
