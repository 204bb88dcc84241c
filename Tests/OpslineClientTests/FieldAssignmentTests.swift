import Testing
import Workflow

@testable import OpslineClient

@Suite struct FieldAssignmentTests {
    static let examples: [(argument: String, key: String, value: JSONValue)] = [
        ("satisfaction=5", "satisfaction", 5),
        ("customer=ACME", "customer", "ACME"),
        ("ratio=0.5", "ratio", 0.5),
        ("urgent=true", "urgent", true),
        ("reason=null", "reason", nil),
        (#"code="007""#, "code", "007"),
        ("code=007", "code", "007"),
        (#"tags=["a","b"]"#, "tags", ["a", "b"]),
        ("note=a=b", "note", "a=b"),
        ("empty=", "empty", ""),
        ("phrase=hello world", "phrase", "hello world"),
    ]

    @Test(arguments: examples)
    func aValueIsJSONWhenItIsValidJSONAndTextOtherwise(
        argument: String, key: String, value: JSONValue
    ) throws {
        let assignment = try FieldAssignment(parsing: argument)
        #expect(assignment.key == key)
        #expect(assignment.value == value)
    }

    @Test func anArgumentWithoutAnEqualsSignIsRefusedByName() {
        #expect(throws: FieldAssignmentError(argument: "customer", reason: "expected key=value")) {
            try FieldAssignment(parsing: "customer")
        }
        #expect(
            FieldAssignmentError(argument: "customer", reason: "expected key=value").description
                == "invalid --field 'customer': expected key=value")
    }

    @Test func anEmptyFieldNameIsRefused() {
        #expect(throws: FieldAssignmentError.self) { try FieldAssignment(parsing: "=5") }
    }

    @Test func repeatedFieldsKeepTheLastValue() throws {
        let fields = try FieldAssignment.fields([
            "customer=ACME", "satisfaction=4", "satisfaction=5",
        ])
        #expect(fields == ["customer": "ACME", "satisfaction": 5])
    }
}
