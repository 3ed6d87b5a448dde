/// The UI's only script, served at `/ui/static/app.js`: a copy button for the one-time key reveal and a
/// confirmation before a destructive form. Every page works without it (the key is selectable text; the forms post).
enum Script {
    static let text = """
        document.addEventListener("click", function (event) {
          var button = event.target.closest("[data-copy]");
          if (!button) return;
          var source = document.getElementById(button.getAttribute("data-copy"));
          if (!source || !navigator.clipboard) return;
          navigator.clipboard.writeText(source.textContent.trim()).then(function () { button.textContent = "Copied"; });
        });
        document.addEventListener("submit", function (event) {
          var message = event.target.getAttribute("data-confirm");
          if (message && !window.confirm(message)) event.preventDefault();
        });
        """
}
