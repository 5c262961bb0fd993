namespace Streaming.Ingest.Admin;

/// <summary>The hand-written OpenAPI 3.0 description of <see cref="AdminEndpoints"/>, served at <c>/admin/openapi.json</c>.</summary>
public static class AdminOpenApi
{
    public const string Document = """
    {
      "openapi": "3.0.3",
      "info": { "title": "Streaming ingest admin API", "version": "1.0.0",
        "description": "Live streams, publisher kick and stream keys. Disabled (404) unless Streaming:Ingest:Admin:Token is set." },
      "security": [ { "bearer": [] } ],
      "components": {
        "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        "schemas": {
          "Track": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["video", "audio"] }, "codec": { "type": "string" },
            "width": { "type": "integer", "nullable": true }, "height": { "type": "integer", "nullable": true },
            "frameRate": { "type": "number", "nullable": true }, "sampleRate": { "type": "integer", "nullable": true },
            "channels": { "type": "integer", "nullable": true }, "bitrate": { "type": "integer", "nullable": true } } },
          "Stream": { "type": "object", "properties": {
            "name": { "type": "string" }, "app": { "type": "string" }, "id": { "type": "string", "format": "uuid" },
            "remote": { "type": "string" }, "startedAt": { "type": "string", "format": "date-time" },
            "uptimeSeconds": { "type": "number" }, "bytesIn": { "type": "integer" }, "framesIn": { "type": "integer" },
            "keyframeIntervalSeconds": { "type": "number" },
            "tracks": { "type": "array", "items": { "$ref": "#/components/schemas/Track" } } } },
          "KeyInfo": { "type": "object", "properties": {
            "name": { "type": "string" }, "createdAt": { "type": "string", "format": "date-time" } } },
          "CreateKey": { "type": "object", "required": ["name"], "properties": {
            "name": { "type": "string", "pattern": "^[A-Za-z0-9._-]{1,128}$" } } },
          "CreatedKey": { "type": "object", "properties": {
            "name": { "type": "string" }, "key": { "type": "string", "description": "The secret stream key; returned only once." } } },
          "Error": { "type": "object", "properties": { "error": { "type": "string" } } }
        }
      },
      "paths": {
        "/admin/openapi.json": { "get": { "summary": "This document", "security": [],
          "responses": { "200": { "description": "OpenAPI document" } } } },
        "/admin/streams": { "get": { "summary": "Live streams with statistics",
          "responses": {
            "200": { "description": "Streams", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Stream" } } } } },
            "401": { "description": "Missing or wrong bearer token" } } } },
        "/admin/streams/{name}": { "delete": { "summary": "Disconnect the publisher of a stream",
          "parameters": [
            { "name": "name", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "app", "in": "query", "required": false, "schema": { "type": "string" } } ],
          "responses": { "204": { "description": "Kicked" }, "404": { "description": "No such live stream" }, "401": { "description": "Unauthorized" } } } },
        "/admin/keys": {
          "get": { "summary": "Stream key names (never the secrets)",
            "responses": { "200": { "description": "Keys", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/KeyInfo" } } } } },
              "401": { "description": "Unauthorized" } } },
          "post": { "summary": "Create a stream key for a public stream name",
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CreateKey" } } } },
            "responses": {
              "201": { "description": "Created; the key is shown once", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CreatedKey" } } } },
              "400": { "description": "Invalid name", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "409": { "description": "Name already has a key", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "401": { "description": "Unauthorized" } } } },
        "/admin/keys/{name}": { "delete": { "summary": "Delete a stream key",
          "parameters": [ { "name": "name", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "204": { "description": "Deleted" }, "404": { "description": "No such key" }, "401": { "description": "Unauthorized" } } } }
      }
    }
    """;
}
