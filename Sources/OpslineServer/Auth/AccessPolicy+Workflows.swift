import OpslineStore

extension AccessPolicy {
    /// Throws 403 unless `principal` may publish workflow versions: admins only. Every token may
    /// read the published workflows.
    static func checkPublishesWorkflows(_ principal: Principal) throws {
        guard principal.isAdmin else {
            throw APIError.forbidden(
                "only admin tokens may publish workflows; this one is \(principal.summaryRole.rawValue)")
        }
    }
}
