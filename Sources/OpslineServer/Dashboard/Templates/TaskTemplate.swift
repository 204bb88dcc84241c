extension PageTemplates {
    /// `/ui/tasks/{id}`: one task (``TaskPageValues`` gives the values). Every part that changes
    /// is a live region with an id; the forms sit in regions the live script leaves alone while
    /// someone types in them.
    static let task = """
        {{<layout}}
        {{$title}}{{taskID}} {{title}}{{/title}}
        {{$main}}
        <div data-live data-live-after="{{liveAfter}}" data-live-task="{{liveTasks}}"></div>
        <nav class="crumbs" aria-label="Where you are">
        <a href="/ui/">Overview</a> › <a href="{{workflowPath}}" data-testid="workflow-link">{{workflowTitle}}</a> › {{taskID}}
        </nav>
        {{#failureSummary}}
        <p class="error" role="alert" data-testid="failure-summary">{{failureSummary}}</p>
        {{/failureSummary}}
        <div id="task-head" data-live-region>
        <h1 class="task-title"><span class="task-id">{{taskID}}</span> <span data-testid="task-title">{{title}}</span></h1>
        <p class="task-state">State: <strong data-testid="task-state">{{stateTitle}}</strong>
        <code>{{state}}</code>{{#isClosed}} · closed <time datetime="{{closedAt}}">{{closedAtText}}</time>{{/isClosed}}</p>
        </div>
        <div class="task-grid">
        <section id="task-summary" class="task-summary" data-live-region aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <dl>
        <dt>Workflow</dt><dd><a href="{{workflowPath}}">{{workflowTitle}}</a> <code>{{workflow}}</code> v{{workflowVersion}}</dd>
        <dt>Priority</dt><dd data-testid="task-priority">{{priority}}</dd>
        <dt>Team</dt><dd data-testid="task-team">{{team}}</dd>
        {{#isWatched}}<dt>Watching teams</dt><dd data-testid="task-watching">{{watchingTeams}}</dd>{{/isWatched}}
        <dt>Assignee</dt><dd><span data-testid="task-assignee">{{assignee}}</span>
        {{#mayTakeIt}}
        <form class="assign" method="post" action="{{taskPath}}/assignee" data-testid="assign-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="idempotency_key" value="{{assignKey}}">
        <input type="hidden" name="version" value="{{version}}">
        <button type="submit" data-testid="assign-to-me">Assign to me</button>
        </form>
        {{/mayTakeIt}}
        </dd>
        <dt>Created</dt><dd><time datetime="{{createdAt}}">{{createdAtText}}</time></dd>
        <dt>Updated</dt><dd><time datetime="{{updatedAt}}">{{updatedAtText}}</time> (version {{version}})</dd>
        </dl>
        </section>
        <section id="task-actions" class="task-actions" data-live-region aria-labelledby="actions-heading">
        <h2 id="actions-heading">Move it on</h2>
        {{#transitions}}
        <form class="transition{{#failed}} failed{{/failed}}" id="{{formID}}" method="post"
          action="{{taskPath}}/transitions/{{transitionName}}" data-testid="{{formID}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="idempotency_key" value="{{formKey}}">
        <input type="hidden" name="version" value="{{version}}">
        {{#failed}}<p class="error" id="{{formID}}-problem" data-testid="form-problem">{{formProblem}}</p>{{/failed}}
        {{#inputs}}
        <div class="field{{#invalid}} invalid{{/invalid}}">
        <label for="{{inputID}}">{{label}}</label>
        {{#isSelect}}
        <select id="{{inputID}}" name="{{inputName}}"{{#invalid}} aria-invalid="true" aria-describedby="{{inputID}}-error"{{/invalid}}>
        <option value="">(choose)</option>
        {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/options}}
        </select>
        {{/isSelect}}
        {{#isTextArea}}
        <textarea id="{{inputID}}" name="{{inputName}}" rows="3"{{#invalid}} aria-invalid="true" aria-describedby="{{inputID}}-error"{{/invalid}}>{{inputText}}</textarea>
        {{/isTextArea}}
        {{#isInput}}
        <input id="{{inputID}}" name="{{inputName}}" type="{{inputType}}" value="{{inputText}}"{{#step}} step="{{step}}"{{/step}}{{#min}} min="{{min}}"{{/min}}{{#max}} max="{{max}}"{{/max}}{{#invalid}} aria-invalid="true" aria-describedby="{{inputID}}-error"{{/invalid}}>
        {{/isInput}}
        {{#fieldHint}}<small class="hint">{{fieldHint}}</small>{{/fieldHint}}
        {{#fieldProblem}}<p class="field-error" id="{{inputID}}-error" data-testid="field-error-{{fieldName}}">{{fieldProblem}}</p>{{/fieldProblem}}
        </div>
        {{/inputs}}
        <p class="fire"><button type="submit" data-testid="fire-{{transitionName}}">{{transitionLabel}}</button>
        <span class="target">→ {{target}}</span></p>
        </form>
        {{/transitions}}
        {{^hasTransitions}}
        <p class="none" data-testid="no-transitions">{{#mayTransition}}No transition leads on from this state for your role.{{/mayTransition}}{{^mayTransition}}Your role may not move this task.{{/mayTransition}}</p>
        {{/hasTransitions}}
        </section>
        </div>
        <section id="task-fields" class="task-fields" data-live-region aria-labelledby="fields-heading">
        <h2 id="fields-heading">Fields</h2>
        {{#hasFields}}
        <table>
        <caption>Fields of {{taskID}}</caption>
        <thead><tr><th scope="col">Field</th><th scope="col">Value</th></tr></thead>
        <tbody>
        {{#fields}}
        <tr><th scope="row">{{name}}{{#fieldTitle}}<br><small>{{fieldTitle}}</small>{{/fieldTitle}}</th>
        <td data-testid="field-{{name}}">{{#isSet}}{{value}}{{/isSet}}{{^isSet}}<span class="none">not set</span>{{/isSet}}</td></tr>
        {{/fields}}
        </tbody>
        </table>
        {{/hasFields}}
        {{^hasFields}}<p class="none">This workflow has no fields.</p>{{/hasFields}}
        </section>
        <section id="task-sla" class="task-sla" data-live-region aria-labelledby="sla-heading">
        <h2 id="sla-heading">SLA clocks</h2>
        {{#hasClocks}}
        <table>
        <caption>SLA clocks and their cycles</caption>
        <thead><tr><th scope="col">Policy</th><th scope="col">Cycle</th><th scope="col">State</th>
        <th scope="col">Started</th><th scope="col">Due</th><th scope="col">Working time</th><th scope="col">Calendar</th></tr></thead>
        <tbody>
        {{#clocks}}
        <tr data-testid="clock-{{policy}}-{{cycle}}">
        <th scope="row">{{policy}}</th><td>{{cycle}}</td>
        <td class="clock-state{{#isBreached}} breached{{/isBreached}}" data-testid="clock-state">{{#isBreached}}⚠ {{/isBreached}}{{clockState}}</td>
        <td><time datetime="{{startedAt}}">{{startedAtText}}</time></td>
        <td>{{#breachedAt}}breached <time datetime="{{breachedAt}}">{{breachedAtText}}</time>{{/breachedAt}}
        {{#dueAt}}<time datetime="{{dueAt}}">{{dueAtText}}</time>{{#dueLocal}}<br><small>due {{dueLocal}}</small>{{/dueLocal}}{{/dueAt}}
        {{#stoppedAt}}<br><small>stopped <time datetime="{{stoppedAt}}">{{stoppedAtText}}</time></small>{{/stoppedAt}}
        {{^dueAt}}{{^breachedAt}}{{^stoppedAt}}—{{/stoppedAt}}{{/breachedAt}}{{/dueAt}}</td>
        <td data-testid="clock-left">{{#timeLeft}}{{timeLeft}}{{/timeLeft}}{{^timeLeft}}—{{/timeLeft}}</td>
        <td>{{calendar}}</td>
        </tr>
        {{/clocks}}
        </tbody>
        </table>
        {{/hasClocks}}
        {{^hasClocks}}<p class="none">No SLA clock has started on this task.</p>{{/hasClocks}}
        </section>
        <section id="task-family" class="task-family" data-live-region aria-labelledby="family-heading">
        <h2 id="family-heading">Parent and children</h2>
        {{#parent}}
        <p>Parent: <a href="{{parentPath}}" data-testid="parent-link">{{parentID}}</a>{{#parentTitle}} {{parentTitle}}{{/parentTitle}}</p>
        {{/parent}}
        {{^parent}}<p class="none">No parent task.</p>{{/parent}}
        {{#hasChildren}}
        <ul class="children">
        {{#children}}
        <li><a href="{{childPath}}" data-testid="child-link">{{childID}}</a>{{#childTitle}} {{childTitle}}{{/childTitle}}{{#childState}} <span class="child-state">({{childState}})</span>{{/childState}}</li>
        {{/children}}
        </ul>
        {{/hasChildren}}
        {{^hasChildren}}<p class="none">No child tasks.</p>{{/hasChildren}}
        </section>
        {{#hasChecklist}}
        <section id="task-checklist" class="task-checklist" data-live-region aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">Checklist <small data-testid="checklist-progress">{{checklistProgress}}</small></h2>
        <ul class="checklist">
        {{#checklist}}
        <li data-testid="checklist-{{item}}"><span class="check">{{#done}}✔ ticked{{/done}}{{^done}}☐ not ticked{{/done}}</span>
        {{itemTitle}}{{#by}} <small>by {{by}}, <time datetime="{{at}}">{{atText}}</time></small>{{/by}}
        {{#mayCheck}}
        <form class="check-form" method="post" action="{{checkPath}}" data-testid="check-form-{{item}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="idempotency_key" value="{{checkKey}}">
        <input type="hidden" name="done" value="{{doneValue}}">
        <button type="submit">{{button}}</button>
        </form>
        {{/mayCheck}}
        </li>
        {{/checklist}}
        </ul>
        </section>
        {{/hasChecklist}}
        <section id="task-files" class="task-files" data-live-region aria-labelledby="files-heading">
        <h2 id="files-heading">Files and links</h2>
        {{#hasAttachments}}
        <ul class="attachments">
        {{#attachments}}
        <li><a href="{{path}}" download data-testid="attachment-link">{{name}}</a> <small>{{size}}{{#field}}, in {{field}}{{/field}}, by {{by}}, <time datetime="{{at}}">{{atText}}</time></small></li>
        {{/attachments}}
        </ul>
        {{/hasAttachments}}
        {{^hasAttachments}}<p class="none">No files attached.</p>{{/hasAttachments}}
        {{#mayAttach}}
        <form class="upload" method="post" action="{{taskPath}}/attachments" data-upload data-key="{{uploadKey}}"
          data-testid="upload-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="upload-file">Attach a file</label>
        <input id="upload-file" type="file" name="file" required>
        {{#hasAttachmentFields}}
        <label for="upload-field">as</label>
        <select id="upload-field" name="field">
        <option value="">(no field)</option>
        {{#attachmentFields}}<option value="{{fieldName}}">{{fieldTitle}}</option>{{/attachmentFields}}
        </select>
        {{/hasAttachmentFields}}
        <button type="submit">Attach</button>
        <p class="error" data-upload-problem data-testid="upload-problem" hidden></p>
        </form>
        {{/mayAttach}}
        {{#hasLinks}}
        <ul class="links">
        {{#links}}
        <li>{{type}} <a href="{{linkPath}}" data-testid="task-link">{{linkID}}</a></li>
        {{/links}}
        </ul>
        {{/hasLinks}}
        {{#hasRecordTasks}}
        <ul class="record-tasks">
        {{#recordTasks}}<li><a href="{{href}}" data-testid="record-tasks">{{label}}</a></li>{{/recordTasks}}
        </ul>
        {{/hasRecordTasks}}
        {{#mayLink}}
        <form class="link-form" id="link" method="post" action="{{taskPath}}/links" data-testid="link-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="idempotency_key" value="{{linkKey}}">
        {{#linkFailed}}<p class="error" data-testid="link-problem">{{linkProblem}}</p>{{/linkFailed}}
        <label for="link-type">Link it</label>
        <select id="link-type" name="type">
        <option value="relates_to">relates to</option>
        <option value="caused_by">caused by</option>
        </select>
        <label for="link-task" class="visually-hidden">Other task</label>
        <input id="link-task" name="task" required placeholder="CMP-42" value="{{linkTyped}}">
        <button type="submit">Link</button>
        </form>
        {{/mayLink}}
        </section>
        <section id="task-comments" class="task-comments" data-live-region aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        {{#hasComments}}
        <ol class="comments">
        {{#comments}}
        <li data-testid="comment"><p class="comment-meta">{{actor}}, <time datetime="{{at}}">{{atText}}</time></p>
        <p class="comment-text">{{text}}</p></li>
        {{/comments}}
        </ol>
        {{/hasComments}}
        {{^hasComments}}<p class="none">No comments yet.</p>{{/hasComments}}
        {{#mayComment}}
        <form class="comment-form" method="post" action="{{taskPath}}/comments" data-testid="comment-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="idempotency_key" value="{{commentKey}}">
        <div class="field{{#commentProblem}} invalid{{/commentProblem}}">
        <label for="comment-text">Add a comment</label>
        <textarea id="comment-text" name="text" rows="3"{{#commentProblem}} aria-invalid="true" aria-describedby="comment-text-error"{{/commentProblem}}>{{commentText}}</textarea>
        {{#commentProblem}}<p class="field-error" id="comment-text-error" data-testid="field-error-text">{{commentProblem}}</p>{{/commentProblem}}
        </div>
        <p class="fire"><button type="submit">Comment</button></p>
        </form>
        {{/mayComment}}
        </section>
        <section id="task-history" class="task-history" data-live-region aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <table>
        <caption>What happened to {{taskID}}, newest first (the event log)</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Who</th><th scope="col">What changed</th></tr></thead>
        <tbody>
        {{#history}}
        <tr data-testid="history-row" data-seq="{{seq}}">
        <td><time datetime="{{at}}">{{atText}}</time></td>
        <td class="event-type" data-testid="history-type">{{type}}</td>
        <td>{{actor}}</td>
        <td><ul class="changes">{{#lines}}<li>{{.}}</li>{{/lines}}</ul></td>
        </tr>
        {{/history}}
        </tbody>
        </table>
        </section>
        {{/main}}
        {{/layout}}

        """
}
