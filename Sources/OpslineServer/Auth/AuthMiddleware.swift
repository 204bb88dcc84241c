import Hummingbird
import OpslineStore

/// Resolves `Authorization: Bearer <secret>` to a principal, or answers 401.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = OpslineRequestContext
    let tokens: TokenStore

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization],
            header.lowercased().hasPrefix("bearer "),
            case let secret = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces),
            !secret.isEmpty
        else { throw APIError.unauthenticated }
        guard let principal = try await tokens.authenticate(TokenSecret(secret)) else {
            throw APIError.unauthenticated
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "actor"] = .string(principal.name)
        context.requestCaller.name = principal.name
        return try await next(request, context)
    }
}
