extension DashboardAssets {
    /// The task page's upload: a form cannot send a file as the body the API takes, so the
    /// script sends it, with the session's CSRF token in a header and an idempotency key (a
    /// second click sends nothing new), then shows the page again, or the refusal beside the form.
    static let uploadScript = """
          function uploads() {
            document.addEventListener("submit", function (event) {
              var form = event.target.closest ? event.target.closest("form[data-upload]") : null;
              if (!form) { return; }
              event.preventDefault();
              var file = form.querySelector("input[type=file]").files[0];
              var problem = form.querySelector("[data-upload-problem]");
              if (!file) { return; }
              var field = form.querySelector("select[name=field]");
              var query = "?name=" + encodeURIComponent(file.name)
                + (field && field.value ? "&field=" + encodeURIComponent(field.value) : "");
              var key = form.getAttribute("data-key");
              fetch(form.getAttribute("action") + query, {
                method: "POST", body: file, credentials: "same-origin",
                headers: {
                  "Content-Type": file.type || "application/octet-stream",
                  "X-CSRF-Token": form.querySelector("input[name=csrf]").value,
                  "Idempotency-Key": key
                }
              }).then(function (answer) {
                if (answer.ok) { window.location.reload(); return; }
                return answer.json().then(function (line) {
                  problem.textContent = (line.error && line.error.message) || answer.statusText;
                }, function () { problem.textContent = answer.statusText; }).then(function () {
                  problem.hidden = false;
                  form.setAttribute("data-key", key + "-again");
                });
              });
            });
          }
        """
}
