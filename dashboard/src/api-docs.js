// The reference page of the OpenAPI document the product serves at /api/openapi.json.
window.SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true });
