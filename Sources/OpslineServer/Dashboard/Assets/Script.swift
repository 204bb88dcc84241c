extension DashboardAssets {
    /// The one script (no inline script anywhere: the Content-Security-Policy forbids it): times
    /// in the viewer's zone, then live updates (``liveScript``). It marks the page as scripted
    /// (`data-js="ready"`), which the browser tests check to know the policy let it run.
    static let script = """
        "use strict";
        (function () {
          var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
          function localTimes(root) {
            var times = root.querySelectorAll("time[datetime]");
            for (var i = 0; i < times.length; i++) {
              var when = new Date(times[i].getAttribute("datetime"));
              if (!isNaN(when.getTime())) {
                times[i].title = times[i].getAttribute("datetime");
                times[i].textContent = format.format(when);
              }
            }
          }
        \(liveScript)
        \(uploadScript)
          function ready() {
            localTimes(document);
            live();
            uploads();
            document.documentElement.setAttribute("data-js", "ready");
          }
          if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", ready);
          } else {
            ready();
          }
        })();

        """
}
