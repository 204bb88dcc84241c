import OpslineStore

extension AccessPolicy {
    /// Throws 403 unless `principal` may create, list and revoke tokens: admins only.
    static func checkManagesTokens(_ principal: Principal) throws {
        guard principal.isAdmin else {
            throw APIError.forbidden(
                "only admin tokens may manage tokens; this one is \(principal.summaryRole.rawValue)")
        }
    }
}
