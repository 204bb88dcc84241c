extension OpslineClient {
    /// Creates a token (`POST /v1/tokens`; admin tokens only).
    ///
    /// - Parameter token: The token to create.
    /// - Returns: The new token with its ``TokenLine/secret``, which the server never shows again.
    public func createToken(_ token: NewToken) async throws(ClientError) -> TokenLine {
        try await send(.createToken(token))
    }

    /// Lists every token, oldest first, without secrets (`GET /v1/tokens`; admin tokens only).
    ///
    /// The request is sent when iteration starts.
    public func listTokens() -> NDJSONStream<TokenLine> {
        stream(.listTokens())
    }

    /// Revokes a token (`DELETE /v1/tokens/{id}`; admin tokens only); it stops working at once.
    ///
    /// - Parameter id: The token's identifier, such as `tok_3f2a…`.
    /// - Returns: The token with its revocation time.
    public func revokeToken(id: String) async throws(ClientError) -> TokenLine {
        try await send(.revokeToken(id: id))
    }

    /// The token this client presents: its identifier, name, role and teams (`GET /v1/me`).
    public func me() async throws(ClientError) -> CallerLine {
        try await send(.me())
    }
}
