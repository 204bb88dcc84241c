import Foundation
import OpslineStore
import Workflow

/// The task page's checklist, attached files and links.
extension TaskPageValues {
    /// `checklist`, `hasChecklist`, `checklistProgress`, `attachments`, `hasAttachments`, the
    /// upload form's `mayAttach`, `uploadKey` and `attachmentFields`, `links`, `hasLinks`, and the
    /// link form's `mayLink`, `linkKey`, `linkFailed`, `linkProblem`, `linkTyped`.
    var workValues: [String: Any] {
        let items = checklistRows
        return [
            "checklist": items, "hasChecklist": !items.isEmpty,
            "checklistProgress": "\(items.filter { $0["done"] as? Bool == true }.count) of \(items.count) ticked",
            "attachments": attachmentRows, "hasAttachments": !task.attachments.isEmpty,
            "mayAttach": (try? AccessPolicy.check(caller, .attach, on: task)) != nil, "uploadKey": UUID().uuidString,
            "attachmentFields": attachmentFields, "hasAttachmentFields": !attachmentFields.isEmpty,
            "links": linkRows, "hasLinks": !links.isEmpty,
            "recordTasks": recordTasks.map { ["href": $0.href, "label": $0.label] },
            "hasRecordTasks": !recordTasks.isEmpty,
            "mayLink": (try? AccessPolicy.check(caller, .update, on: task)) != nil, "linkKey": UUID().uuidString,
            "linkFailed": linkFailure != nil, "linkProblem": linkFailure?.summary ?? "",
            "linkTyped": linkFailure?.typed["task"] ?? "",
        ]
    }

    /// The items of the state's checklist, each with a form that ticks or unticks it (for those
    /// who may change the task): the mark says ticked or not in words, not only in a symbol.
    private var checklistRows: [[String: Any]] {
        let marks = task.checks[task.state] ?? [:]
        let mayCheck = (try? AccessPolicy.check(caller, .update, on: task)) != nil
        return (definition.state(named: task.state)?.checklist ?? []).map { item in
            let mark = marks[item.name]
            var row: [String: Any] = [
                "item": item.name, "itemTitle": item.title ?? item.name, "done": mark != nil,
                "doneValue": mark == nil ? "true" : "false", "button": mark == nil ? "Tick" : "Untick",
                "checkPath": TaskPageRoute.path(task.id) + "/checklist/" + item.name, "mayCheck": mayCheck,
                "checkKey": UUID().uuidString,
            ]
            if let mark {
                row["by"] = mark.by
                Self.time(mark.at, "at", into: &row)
            }
            return row
        }
    }

    /// The files, oldest first, each a link that downloads it.
    private var attachmentRows: [[String: Any]] {
        task.attachments.map { file in
            var row: [String: Any] = [
                "name": file.name,
                "path": TaskPageRoute.path(task.id) + "/attachments/" + file.id.uuidString.lowercased(),
                "size": ByteCountFormatter.string(fromByteCount: file.size, countStyle: .binary), "by": file.uploadedBy,
            ]
            if let field = file.field { row["field"] = field }
            Self.time(file.uploadedAt, "at", into: &row)
            return row
        }
    }

    /// The link form's refusal, when it was the form refused.
    private var linkFailure: FormFailure? {
        failure.flatMap { $0.form == FormFailure.link ? $0 : nil }
    }

    /// The workflow's attachment fields, which the upload can fill.
    private var attachmentFields: [[String: Any]] {
        definition.fields.filter { $0.type == .attachment }.map {
            ["fieldName": $0.name, "fieldTitle": $0.title ?? $0.name]
        }
    }

    private var linkRows: [[String: Any]] {
        links.map { link in
            [
                "type": link.type.rawValue.replacingOccurrences(of: "_", with: " "), "linkID": link.task,
                "linkPath": TaskPageRoute.path(link.task),
            ]
        }
    }
}
