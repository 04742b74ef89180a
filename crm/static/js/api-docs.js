// Starts Swagger UI on the API's OpenAPI document (templates/api/docs.html).
(function () {
  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) { return; }
  window.SwaggerUIBundle({ url: root.dataset.specUrl, domNode: root, deepLinking: true });
})();
