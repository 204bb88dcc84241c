extension DashboardAssets {
    /// Live updates (docs/dashboard.md, "Live updates"). A page that wants them holds one
    /// `[data-live]` element saying from which event on (`data-live-after`, the log's last seq
    /// read before the page's data) and, optionally, which changes concern it
    /// (`data-live-task`: task ids separated by spaces; `data-live-workflow`: a workflow name);
    /// without either, every change the viewer may see does. The parts that change are elements
    /// with an `id` and `data-live-region`.
    ///
    /// The script listens to `/ui/events` (Server-Sent Events; the browser reconnects by itself
    /// and resumes after the last id it saw). On a change that concerns the page it reads the
    /// page's own address again and puts each region's new content in place — except a region
    /// with a form the viewer is filling in, which waits for the next change after they leave it.
    /// Changes arriving while a read is under way lead to one more read after it. The marker
    /// tells the state (`data-live-state`: connecting, open, reconnecting, ended) and the last
    /// change applied (`data-live-seq`), which the browser tests read.
    static let liveScript = """
          function live() {
            var marker = document.querySelector("[data-live]");
            if (!marker || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
            var tasks = (marker.getAttribute("data-live-task") || "").split(/\\s+/).filter(Boolean);
            var workflow = marker.getAttribute("data-live-workflow");
            var after = marker.getAttribute("data-live-after") || "";
            var reading = false, again = false, latest = 0;
            var source = new EventSource("/ui/events" + (after ? "?after=" + encodeURIComponent(after) : ""));
            function state(value) { marker.setAttribute("data-live-state", value); }
            function concerns(change) {
              if (tasks.length === 0 && !workflow) { return true; }
              if (tasks.indexOf(change.task) >= 0) { return true; }
              return !!workflow && change.workflow === workflow;
            }
            function editing(region) {
              var active = document.activeElement;
              if (active && active !== document.body && region.contains(active) && active.form) { return true; }
              return region.querySelector("form[data-edited]") !== null;
            }
            function swap(fresh) {
              var regions = document.querySelectorAll("[data-live-region][id]");
              for (var i = 0; i < regions.length; i++) {
                var region = regions[i];
                var next = fresh.getElementById(region.id);
                if (!next || editing(region)) { continue; }
                var adopted = document.importNode(next, true);
                region.replaceWith(adopted);
                localTimes(adopted);
              }
            }
            function read() {
              if (reading) { again = true; return; }
              reading = true; again = false;
              var seq = latest;
              fetch(window.location.href, { credentials: "same-origin", headers: { "X-Opsline-Live": "1" } })
                .then(function (response) {
                  if (response.redirected || !response.ok) { throw new Error("page answered " + response.status); }
                  return response.text();
                })
                .then(function (html) {
                  swap(new DOMParser().parseFromString(html, "text/html"));
                  marker.setAttribute("data-live-seq", String(seq));
                })
                .catch(function () { state("stale"); })
                .then(function () { reading = false; if (again) { read(); } });
            }
            document.addEventListener("input", function (event) {
              if (event.target && event.target.form) { event.target.form.setAttribute("data-edited", ""); }
            });
            source.addEventListener("open", function () { state("open"); });
            source.addEventListener("error", function () {
              state(source.readyState === EventSource.CLOSED ? "ended" : "reconnecting");
            });
            source.addEventListener("change", function (event) {
              var change = JSON.parse(event.data);
              if (!concerns(change)) { return; }
              latest = Math.max(latest, change.seq);
              read();
            });
            source.addEventListener("ended", function () { source.close(); state("ended"); });
            state("connecting");
          }
        """
}
