import Testing

@testable import Workflow

/// `lookup: {take: field, of: workflow, by: key}`: a field the server fills from a record of
/// another workflow, matched by a field both declare.
@Suite("Lookup fields")
struct LookupFieldTests {
    static func complaint(
        _ tier: String = "{type: enum, values: [standard, vip], lookup: {take: tier, of: customer, by: customer}}"
    )
        -> WorkflowSourceFile
    {
        Fixtures.minimal(
            "complaint", key: "CMP",
            extra: """
                fields:
                  customer: {type: string}
                  tier: \(tier)
                """)
    }

    static func record(
        tier: String = "{type: enum, values: [standard, vip]}", key: String = "{type: string}"
    )
        -> WorkflowSourceFile
    {
        Fixtures.minimal("customer", key: "CUS", extra: "fields:\n  customer: \(key)\n  tier: \(tier)")
    }

    @Test func aLookupIsReadAndItsValueChecked() throws {
        let library = try WorkflowLibrary(files: [Self.complaint(), Self.record()])
        let complaint = try #require(library.workflow(named: "complaint"))
        let lookup = try #require(complaint.field(named: "tier")?.lookup)
        #expect(lookup.workflow == "customer" && lookup.field == "tier" && lookup.key == "customer")
        #expect(complaint.lookups.map(\.field.name) == ["tier"])
        #expect(complaint.accepts("vip", forField: "tier"))
        #expect(!complaint.accepts("gold", forField: "tier"), "a value the field refuses is not taken")
        #expect(!complaint.accepts(3, forField: "tier"))
    }

    @Test func aLookupTakesAFieldOfTheSameTypeByAFieldBothDeclare() {
        func messages(_ files: [WorkflowSourceFile]) -> [String] { Fixtures.libraryErrors(files).map(\.message) }
        #expect(
            messages([Self.complaint(), Self.record(tier: "{type: string}")]) == [
                "field 'tier' looks up 'tier' of 'customer', of type string, into a field of type enum"
            ])
        #expect(
            messages([Self.complaint(), Self.record(key: "{type: int}")]) == [
                "field 'tier' looks up by 'customer', of type int in 'customer' and not in this workflow"
            ])
        #expect(
            messages([
                Self.complaint("{type: string, lookup: {take: tier, of: customers, by: customer}}"), Self.record(),
            ])
                == ["field 'tier' looks up in unknown workflow 'customers'"])
        #expect(
            messages([
                Self.complaint(
                    "{type: enum, values: [standard, vip], lookup: {take: level, of: customer, by: customer}}"),
                Self.record(),
            ]) == ["field 'tier' looks up 'level', which 'customer' does not have"])
        let unknownKey = Fixtures.loadErrors(
            Self.complaint("{type: string, lookup: {take: tier, of: customer, by: account}}").text)
        #expect(
            unknownKey.first?.message == "field 'tier' looks up by 'account', which is not a field of this workflow")
        let computed = Fixtures.loadErrors(
            Self.complaint("{type: string, compute: \"customer\", lookup: {take: tier, of: customer, by: customer}}")
                .text)
        #expect(computed.first?.message == "field 'tier' is computed, so it cannot have 'lookup'")
        let list = Fixtures.loadErrors(
            Self.complaint("{type: list, items: string, lookup: {take: tier, of: customer, by: customer}}").text)
        #expect(list.first?.message.contains("which a lookup cannot fill") == true)
        let extra = Fixtures.loadErrors(
            Self.complaint("{type: string, lookup: {take: tier, of: customer, by: customer, when: x}}").text)
        #expect(extra.count == 1)
    }
}
