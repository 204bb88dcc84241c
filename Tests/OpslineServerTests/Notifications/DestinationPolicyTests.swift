import Testing

@testable import OpslineServer
@testable import OpslineStore

/// Which URLs notifications may reach: https only unless allowed, and no address of this host,
/// a private network or link-local space unless the operator lists it.
@Suite struct DestinationPolicyTests {
    static func refusal(_ url: String, _ policy: DestinationPolicy = .secure) async -> String? {
        do {
            try await policy.check(url)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://172.20.0.1/hook", "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://[::1]/hook", "https://[fd00::1]/",
        "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/", "https://0.0.0.0/", "https://localhost/hook",
    ])
    func anInternalAddressIsRefused(url: String) async {
        let refusal = await Self.refusal(url)
        #expect(refusal?.contains("internal address") == true, "\(url): \(refusal ?? "allowed")")
    }

    @Test func plainHTTPNeedsTheOperatorsLeave() async throws {
        #expect(await Self.refusal("http://203.0.113.10/hook")?.contains("must be https") == true)
        let insecure = try DestinationPolicy(allowsInsecure: true, allowed: [])
        #expect(await Self.refusal("http://203.0.113.10/hook", insecure) == nil)
        #expect(await Self.refusal("https://203.0.113.10/hook") == nil)
        #expect(await Self.refusal("ftp://203.0.113.10/hook")?.contains("must be https") == true)
    }

    @Test func theOperatorMayAllowSomeInternalRanges() async throws {
        let policy = try DestinationPolicy(allowsInsecure: false, allowed: ["10.20.0.0/16", "127.0.0.1"])
        #expect(await Self.refusal("https://10.20.3.4/hook", policy) == nil)
        #expect(await Self.refusal("https://127.0.0.1:8443/hook", policy) == nil)
        #expect(await Self.refusal("https://10.21.0.1/hook", policy) != nil)
        #expect(await Self.refusal("https://127.0.0.2/hook", policy) != nil)
        #expect(throws: NotificationError.self) { try DestinationPolicy(allowed: ["10.0.0.0/33"]) }
        #expect(throws: NotificationError.self) { try DestinationPolicy(allowed: ["intranet"]) }
    }
}
