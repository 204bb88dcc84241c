import Testing

@testable import OpslineClient

@Suite struct ClientRequestTests {
    @Test func aListRequestCarriesOnlyTheCriteriaThatAreSet() {
        let request = ClientRequest.listTasks(
            TaskFilter(workflow: "complaint-escalation", state: "open", limit: 50))
        #expect(request.method == .get)
        #expect(
            request.url(on: "http://127.0.0.1:8080")
                == "http://127.0.0.1:8080/v1/tasks?workflow=complaint-escalation&state=open&limit=50"
        )
    }

    @Test func anEmptyFilterListsEverything() {
        #expect(ClientRequest.listTasks(TaskFilter()).url(on: "http://h") == "http://h/v1/tasks")
    }

    @Test func queryValuesArePercentEncoded() {
        let request = ClientRequest.listTasks(TaskFilter(assignee: "zoë & co", after: "CMP-1"))
        #expect(
            request.url(on: "http://h")
                == "http://h/v1/tasks?assignee=zo%C3%AB%20%26%20co&after=CMP-1")
    }

    @Test func aBasePathIsKept() {
        #expect(
            ClientRequest.task(id: "CMP-42").url(on: "https://ops.example/opsline")
                == "https://ops.example/opsline/v1/tasks/CMP-42")
    }

    @Test func taskIdentifiersAreEscapedInPaths() {
        #expect(ClientRequest.events(taskID: "a/b").path == "/v1/tasks/a%2Fb/events")
    }

    @Test func creatingATaskSendsOneLineWithoutUnsetMembers() {
        let request = ClientRequest.createTask(
            NewTask(
                workflow: "complaint-escalation", title: "Refund not received",
                fields: ["customer": "ACME", "satisfaction": 5], priority: "p1"))
        #expect(request.method == .post)
        #expect(
            request.body
                == #"{"fields":{"customer":"ACME","satisfaction":5},"priority":"p1","title":"Refund not received","workflow":"complaint-escalation"}"#
                + "\n")
    }

    @Test func aTransitionSendsItsNameFieldsNoteAndExpectedVersion() {
        let request = ClientRequest.transition(
            id: "CMP-42", transition: "resolve", fields: ["satisfaction": 5], note: "done",
            expectedVersion: 4)
        #expect(request.path == "/v1/tasks/CMP-42/transitions")
        #expect(
            request.body
                == #"{"expected_version":4,"fields":{"satisfaction":5},"note":"done","transition":"resolve"}"#
                + "\n")
    }

    @Test func aBareTransitionSendsOnlyItsName() {
        #expect(
            ClientRequest.transition(id: "CMP-42", transition: "acknowledge").body
                == #"{"transition":"acknowledge"}"# + "\n")
    }
}
