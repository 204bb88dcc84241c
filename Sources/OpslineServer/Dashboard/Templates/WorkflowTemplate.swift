extension PageTemplates {
    /// `/ui/workflows/{name}`: the state diagram (inline SVG, scrolling sideways in its box when
    /// wide), fields, states, transitions, timers, SLA policies and versions.
    ///
    /// `{{diagram}}` is a ``TrustedMarkup`` template: the server's own SVG, not a value.
    static let workflow = """
        {{<layout}}
        {{$title}}{{title}}{{/title}}
        {{$main}}
        <h1><span class="workflow-title" data-testid="workflow-title">{{title}}</span> <span class="workflow-name">({{name}})</span></h1>
        <p class="page-links"><a href="{{queueHref}}" data-testid="queue-link">Open tasks in the queue</a> ·
        <a href="/ui/workflows">All workflows</a></p>
        {{^isLatest}}<p class="notice" data-testid="old-version">This is version {{version}}, not the latest: <a href="{{latestHref}}">see the latest version</a>.</p>{{/isLatest}}
        <section aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        <dl class="facts">
        <dt>Version</dt><dd data-testid="workflow-version">{{version}}, published <time datetime="{{publishedAt}}">{{publishedText}}</time></dd>
        <dt>Task ids</dt><dd>{{key}}-1, {{key}}-2, …</dd>
        <dt>Team</dt><dd>{{team}}</dd>
        <dt>Calendar</dt><dd>{{calendar}}</dd>
        {{#priorities}}<dt>Priorities</dt><dd>{{priorities}}</dd>{{/priorities}}
        {{#assignment}}<dt>Assignment</dt><dd>{{assignment}}</dd>{{/assignment}}
        </dl>
        </section>
        <section aria-labelledby="diagram-heading">
        <h2 id="diagram-heading">States and transitions</h2>
        <div class="diagram" role="group" tabindex="0" aria-labelledby="diagram-heading" data-testid="diagram">
        {{diagram}}
        </div>
        </section>
        <section aria-labelledby="fields-heading">
        <h2 id="fields-heading">Fields</h2>
        {{#hasFields}}
        <div class="table-scroll">
        <table class="definition" data-testid="fields">
        <caption>Fields of {{title}}</caption>
        <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Values</th>
        <th scope="col">Required</th><th scope="col">Notes</th></tr></thead>
        <tbody>
        {{#fields}}
        <tr><th scope="row"><code>{{name}}</code>{{#fieldTitle}}<div class="sub">{{fieldTitle}}</div>{{/fieldTitle}}</th>
        <td>{{type}}</td><td>{{values}}</td><td>{{#required}}required{{/required}}{{^required}}optional{{/required}}</td>
        <td>{{notes}}</td></tr>
        {{/fields}}
        </tbody>
        </table>
        </div>
        {{/hasFields}}
        {{^hasFields}}<p>No fields.</p>{{/hasFields}}
        </section>
        <section aria-labelledby="states-heading">
        <h2 id="states-heading">States</h2>
        <div class="table-scroll">
        <table class="definition" data-testid="states">
        <caption>States of {{title}}, in the file's order</caption>
        <thead><tr><th scope="col">State</th><th scope="col">Kind</th><th scope="col">Locked fields</th>
        <th scope="col">Starts children</th><th scope="col">Notifies</th></tr></thead>
        <tbody>
        {{#states}}
        <tr><th scope="row"><code>{{name}}</code>{{#stateTitle}}<div class="sub">{{stateTitle}}</div>{{/stateTitle}}</th>
        <td>{{#initial}}initial {{/initial}}{{#final}}final{{/final}}</td>
        <td>{{locked}}</td><td>{{spawns}}</td><td>{{notify}}</td></tr>
        {{/states}}
        </tbody>
        </table>
        </div>
        </section>
        <section aria-labelledby="transitions-heading">
        <h2 id="transitions-heading">Transitions</h2>
        <div class="table-scroll">
        <table class="definition" data-testid="transitions">
        <caption>Transitions of {{title}}</caption>
        <thead><tr><th scope="col">Transition</th><th scope="col">From</th><th scope="col">To</th>
        <th scope="col">Requires</th><th scope="col">Only if</th><th scope="col">Roles</th></tr></thead>
        <tbody>
        {{#transitions}}
        <tr><th scope="row"><code>{{name}}</code>{{#transitionTitle}}<div class="sub">{{transitionTitle}}</div>{{/transitionTitle}}</th>
        <td>{{from}}</td><td>{{to}}</td><td>{{require}}</td>
        <td>{{#when}}<code>{{when}}</code>{{/when}}{{#childrenDone}} every child finished{{/childrenDone}}</td>
        <td>{{roles}}</td></tr>
        {{/transitions}}
        </tbody>
        </table>
        </div>
        {{#hasTimers}}
        <h3>Timers</h3>
        <ul>{{#timers}}<li>In <code>{{in}}</code> after {{after}}: <code>{{fire}}</code></li>{{/timers}}</ul>
        {{/hasTimers}}
        </section>
        <section aria-labelledby="slas-heading">
        <h2 id="slas-heading">SLAs</h2>
        {{#hasSLAs}}
        {{#slas}}
        <article class="sla-policy" data-testid="sla-policy">
        <h3><code>{{name}}</code></h3>
        <dl class="facts">
        <dt>Target</dt><dd>{{target}} of working time</dd>
        <dt>Calendar</dt><dd>{{calendar}}</dd>
        <dt>Starts</dt><dd>{{start}}</dd>
        {{#pause}}<dt>Paused in</dt><dd>{{pause}}</dd>{{/pause}}
        <dt>Stops on entering</dt><dd>{{stop}}</dd>
        {{#restart}}<dt>Restarts (a new cycle) on entering</dt><dd>{{restart}}</dd>{{/restart}}
        {{#warn}}<dt>Warns</dt><dd>{{warn}}</dd>{{/warn}}
        {{#notify}}<dt>Notifies</dt><dd>{{notify}}</dd>{{/notify}}
        </dl>
        {{#hasEscalations}}
        <p>Escalations:</p>
        <ol class="escalations">
        {{#escalations}}<li>Level {{level}}, {{after}}: {{actions}}</li>{{/escalations}}
        </ol>
        {{/hasEscalations}}
        </article>
        {{/slas}}
        {{/hasSLAs}}
        {{^hasSLAs}}<p>No SLA policies.</p>{{/hasSLAs}}
        </section>
        <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <div class="table-scroll">
        <table class="definition" data-testid="versions">
        <caption>Published versions, newest first; tasks stay on the version they started with</caption>
        <thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Checksum</th></tr></thead>
        <tbody>
        {{#versions}}
        <tr><th scope="row">{{#shown}}{{version}} (shown){{/shown}}{{^shown}}<a href="{{href}}">{{version}}</a>{{/shown}}</th>
        <td><time datetime="{{publishedAt}}">{{publishedText}}</time></td><td><code>{{checksum}}</code></td></tr>
        {{/versions}}
        </tbody>
        </table>
        </div>
        </section>
        {{/main}}
        {{/layout}}

        """
}
