extension Templates {
    static let policies = """
        {{^enabled}}<p class="muted">The policies plugin is not enabled on this gateway.</p>{{/enabled}}
        {{#enabled}}<h2>Versions</h2>
        <table id="policies"><tr><th>Policy</th><th class="num">Version</th><th>Status</th><th>Shadow</th><th>Guardrails</th><th>Models</th>
        {{#canAdminister}}<th></th>{{/canAdminister}}</tr>
        {{#versions}}<tr><td>{{name}}</td><td class="num">{{number}}</td><td><span class="tag">{{status}}</span></td><td>{{#shadow}}on{{/shadow}}{{^shadow}}off{{/shadow}}</td>
        <td>{{guardrails}}</td><td>{{models}}</td>{{#canAdminister}}<td><form method="post" action="/ui/policies/action" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="policy_id" value="{{id}}">
        {{#isDraft}}<button name="action" value="published" class="quiet">Publish</button>{{/isDraft}}
        {{#isPublished}}<button name="action" value="production" class="quiet">Promote</button>
        {{#shadow}}<button name="action" value="shadow_off" class="quiet">Stop shadow</button>{{/shadow}}{{^shadow}}<button name="action" value="shadow_on" class="quiet">Shadow</button>{{/shadow}}{{/isPublished}}
        <button name="action" value="delete" class="danger">Delete</button></form></td>{{/canAdminister}}</tr>{{/versions}}</table>
        <h2>Attachments</h2>
        <table id="attachments"><tr><th>Policy</th><th>Applies to</th></tr>{{#attachments}}<tr><td>{{policy}}</td><td>{{scope}}</td></tr>{{/attachments}}</table>
        {{/enabled}}
        <h2>What shadow versions would have done</h2>
        {{#hasShadowHits}}<table id="shadow"><tr><th>Time (UTC)</th><th>Request</th><th>Would have</th></tr>
        {{#shadowHits}}<tr><td>{{time}}</td><td><a href="/ui/logs/detail?request_id={{requestID}}">{{requestID}}</a></td><td class="mono">{{detail}}</td></tr>{{/shadowHits}}</table>{{/hasShadowHits}}
        {{^hasShadowHits}}<p class="muted">No shadow version acted on the latest 200 requests.</p>{{/hasShadowHits}}
        """

    static let audit = """
        <form method="get" action="/ui/audit" class="filters" role="search"><label>Object type <input name="object_type" value="{{objectType}}" placeholder="key, team, model…"></label>
        <label>Object id <input name="object_id" value="{{objectID}}"></label><button type="submit" class="quiet">Filter</button></form>
        {{#empty}}<p class="muted">No changes recorded.</p>{{/empty}}
        {{^empty}}<table id="audit"><tr><th>Time (UTC)</th><th>Who</th><th>Action</th><th>Object</th><th>Changes (before → after)</th></tr>
        {{#rows}}<tr><td>{{time}}</td><td class="mono">{{who}}</td><td>{{action}}</td><td>{{objectType}} <span class="mono">{{objectID}}</span></td>
        <td>{{#changes}}<div><b>{{field}}</b>: <span class="mono">{{before}}</span> → <span class="mono">{{after}}</span></div>{{/changes}}</td></tr>{{/rows}}</table>{{/empty}}
        """
}
