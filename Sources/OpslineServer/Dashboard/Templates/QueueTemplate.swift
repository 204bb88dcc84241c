extension PageTemplates {
    /// `/ui/queues/{workflow}`: the filter form (GET: the address is the view), then the tasks as
    /// a table whose column headers sort, with a link to the next page.
    static let queue = """
        {{<layout}}
        {{$title}}Queue · {{workflowTitle}}{{/title}}
        {{$main}}
        <div data-live data-live-after="{{liveAfter}}" data-live-workflow="{{workflow}}"></div>
        <h1>Queue: <span class="workflow-title">{{workflowTitle}}</span> <span class="workflow-name">({{workflow}})</span></h1>
        <p class="page-links"><a href="{{workflowHref}}">Workflow: states, fields and SLAs</a> ·
        <a href="/ui/workflows">All workflows</a></p>
        <section class="queue-filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filters</h2>
        <form method="get" action="{{formAction}}" class="filters" data-testid="queue-filters">
        {{#form}}
        <div class="filter"><label for="f-state">State</label>
        <select id="f-state" name="state"><option value="">any</option>
        {{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}
        </select></div>
        <div class="filter"><label for="f-open">Open</label>
        <select id="f-open" name="open">
        {{#open}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/open}}
        </select></div>
        <div class="filter"><label for="f-team">Team</label>
        <input id="f-team" name="team" type="text" list="f-teams" value="{{team}}" autocomplete="off">
        <datalist id="f-teams">{{#teams}}<option value="{{.}}"></option>{{/teams}}</datalist></div>
        <div class="filter"><label for="f-assignee">Assignee <span class="hint">(a user, or me)</span></label>
        <input id="f-assignee" name="assignee" type="text" value="{{assignee}}" autocomplete="off"></div>
        <div class="filter"><label for="f-unassigned">Assigned</label>
        <select id="f-unassigned" name="unassigned">
        {{#unassigned}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/unassigned}}
        </select></div>
        <div class="filter"><label for="f-priority">Priority</label>
        {{#hasPriorities}}
        <select id="f-priority" name="priority"><option value="">any</option>
        {{#priorities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/priorities}}
        </select>
        {{/hasPriorities}}
        {{^hasPriorities}}
        <input id="f-priority" name="priority" type="text" value="{{priority}}" autocomplete="off">
        {{/hasPriorities}}
        </div>
        <div class="filter"><label for="f-breached">SLA</label>
        <select id="f-breached" name="breached">
        {{#breached}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/breached}}
        </select></div>
        <div class="filter filter-wide"><label for="f-q">Search <span class="hint">(title and text fields)</span></label>
        <input id="f-q" name="q" type="search" value="{{q}}"></div>
        <div class="filter"><label for="f-sort">Sort by</label>
        <select id="f-sort" name="sort">
        {{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}
        </select></div>
        {{#limit}}<input type="hidden" name="limit" value="{{limit}}">{{/limit}}
        {{/form}}
        <div class="filter-actions"><button type="submit">Filter</button>
        {{#filtered}}<a href="{{clearHref}}" data-testid="clear-filters">Clear filters</a>{{/filtered}}</div>
        </form>
        </section>
        <section id="queue-tasks" class="queue-tasks" data-live-region aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks <span class="count" data-testid="queue-total">{{total}}</span></h2>
        {{#hasRows}}
        <div class="table-scroll">
        <table class="queue" data-testid="queue-table">
        <caption>Tasks of {{workflowTitle}}, {{total}}{{#filtered}} matching the filters{{/filtered}}</caption>
        <thead><tr>
        {{#columns.id}}<th scope="col" aria-sort="{{ariaSort}}"><a href="{{href}}" data-sort="id">{{label}}</a>{{#current}} <span aria-hidden="true">▲</span>{{/current}}</th>{{/columns.id}}
        <th scope="col">Title</th>
        {{#sortField}}<th scope="col" aria-sort="{{ariaSort}}" data-testid="sort-field">{{label}} <span aria-hidden="true">{{arrow}}</span></th>{{/sortField}}
        <th scope="col">State</th>
        {{#columns.priority}}<th scope="col" aria-sort="{{ariaSort}}"><a href="{{href}}" data-sort="priority">{{label}}</a>{{#current}} <span aria-hidden="true">▲</span>{{/current}}</th>{{/columns.priority}}
        <th scope="col">Team</th>
        <th scope="col">Assignee</th>
        {{#columns.sla}}<th scope="col" aria-sort="{{ariaSort}}"><a href="{{href}}" data-sort="due">{{label}}</a>{{#current}} <span aria-hidden="true">▲</span>{{/current}}</th>{{/columns.sla}}
        <th scope="col">Due</th>
        {{#columns.updated}}<th scope="col" aria-sort="{{ariaSort}}"><a href="{{href}}" data-sort="updated">{{label}}</a>{{#current}} <span aria-hidden="true">▼</span>{{/current}}</th>{{/columns.updated}}
        </tr></thead>
        <tbody>
        {{#rows}}
        <tr data-task="{{id}}">
        <th scope="row"><a href="{{href}}" data-testid="task-link">{{id}}</a></th>
        <td class="title" data-testid="task-title">{{title}}</td>
        {{#sortField}}<td data-testid="sort-value">{{sortValue}}</td>{{/sortField}}
        <td>{{state}}</td>
        <td>{{#priority}}{{priority}}{{/priority}}{{^priority}}<span class="none">none</span>{{/priority}}</td>
        <td>{{#team}}{{team}}{{/team}}{{^team}}<span class="none">none</span>{{/team}}</td>
        <td>{{#assignee}}{{assignee}}{{/assignee}}{{^assignee}}<span class="none">unassigned</span>{{/assignee}}</td>
        <td>{{#sla}}<span class="sla sla-{{status}}" data-testid="sla">{{text}}</span> <span class="policy">{{policy}}</span>{{/sla}}{{^sla}}<span class="none">no SLA</span>{{/sla}}</td>
        <td>{{#sla.due}}<time datetime="{{sla.due}}">{{sla.dueText}}</time>{{#sla.dueLocal}}<span class="local">due {{sla.dueLocal}}</span>{{/sla.dueLocal}}{{/sla.due}}</td>
        <td><time datetime="{{updated}}">{{updatedText}}</time></td>
        </tr>
        {{/rows}}
        </tbody>
        </table>
        </div>
        {{/hasRows}}
        {{^hasRows}}
        <p data-testid="queue-empty">No tasks{{#filtered}} match these filters{{/filtered}}{{^filtered}} you can see in this workflow{{/filtered}}.</p>
        {{/hasRows}}
        <nav class="pager" aria-label="Pages">
        {{#firstPage}}<a href="{{firstPage}}" data-testid="first-page">First page</a>{{/firstPage}}
        {{#nextPage}}<a href="{{nextPage}}" rel="next" data-testid="next-page">Next page</a>{{/nextPage}}
        </nav>
        </section>
        {{/main}}
        {{/layout}}

        """
}
