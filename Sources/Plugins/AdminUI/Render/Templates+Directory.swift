extension Templates {
    static let directory = """
        {{#empty}}<p class="muted">None yet.</p>{{/empty}}
        {{^empty}}<table id="{{kind}}"><tr>{{#columns}}<th>{{text}}</th>{{/columns}}{{#canAdminister}}<th></th>{{/canAdminister}}</tr>
        {{#rows}}<tr>{{#cells}}<td>{{text}}</td>{{/cells}}{{#canAdminister}}<td>
        <form method="post" action="/ui/directory/action" class="inline"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="id" value="{{id}}">
        {{#isCustomers}}{{#blocked}}<button name="action" value="unblock" class="quiet">Unblock</button>{{/blocked}}{{^blocked}}<button name="action" value="block" class="quiet">Block</button>{{/blocked}}{{/isCustomers}}
        <button name="action" value="delete" class="danger">Delete</button></form></td>{{/canAdminister}}</tr>{{/rows}}</table>{{/empty}}
        {{#pager}}{{> pager}}{{/pager}}
        {{#canAdminister}}<h2>Add</h2>
        <form method="post" action="/ui/directory/action" class="card"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="action" value="create"><div class="fields">
        {{#isUsers}}<label>User id <input name="user_id" required></label><label>Email <input name="user_email" type="email"></label>
        <label>Role <select name="user_role"><option>internal_user</option><option>internal_user_viewer</option><option>proxy_admin</option>
        <option>proxy_admin_viewer</option></select></label>{{/isUsers}}
        {{#isOrganizations}}<label>Alias <input name="organization_alias" required></label><label>Models (comma-separated) <input name="models"></label>{{/isOrganizations}}
        {{#isCustomers}}<label>Customer id <input name="user_id" required></label><label>Alias <input name="alias"></label>{{/isCustomers}}
        <label>Max budget (USD) <input name="max_budget" inputmode="decimal"></label>
        </div><button type="submit">Add</button></form>{{/canAdminister}}
        """
}
