extension ClientRequest {
    /// `POST /v1/tokens` (admins): creates a token; the answer holds its secret, once.
    public static func createToken(_ token: NewToken) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/tokens", lines: [token.line])
    }

    /// `GET /v1/tokens` (admins): every token, oldest first, without secrets.
    public static func listTokens() -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/tokens")
    }

    /// `DELETE /v1/tokens/{id}` (admins): revokes a token at once.
    public static func revokeToken(id: String) -> ClientRequest {
        ClientRequest(method: .delete, path: "/v1/tokens/" + escape(id))
    }

    /// `GET /v1/me`: the token the request presents.
    public static func me() -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/me")
    }
}
