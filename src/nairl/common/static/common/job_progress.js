// Follows a background job on its page (templates/common/_job_progress.html): asks the job's
// status endpoint where it stands, moves the progress bar, and reloads the page once the job
// has finished so that its result shows. Without JavaScript the page's "Refresh" link does
// the same by hand. A separate file, because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box || !window.fetch) {
    return;
  }
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-job-label]");
  var message = box.querySelector("[data-job-message]");
  var delay = 1000;

  function show(state) {
    label.textContent = state.label;
    label.className = "tag status-" + state.status;
    if (state.message) {
      message.textContent = state.message;
    }
    if (state.finished) {
      bar.max = 1;
      bar.value = 1;
      bar.textContent = "100%";
      window.location.reload();
      return;
    }
    if (state.total > 0) {
      bar.max = state.total;
      bar.value = state.done;
      bar.textContent = state.percent + "%";
    }
    schedule();
  }

  function poll() {
    fetch(box.getAttribute("data-job-status"), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(show, schedule);
  }

  // Polls every second at first, then less often for a long job (at most every 5 s).
  function schedule() {
    window.setTimeout(poll, delay);
    delay = Math.min(delay * 1.2, 5000);
  }

  schedule();
})();
