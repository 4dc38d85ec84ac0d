// Odoo's JavaScript is written as ES modules (*.esm.js) loaded by its asset
// bundles; tours run in the browser.
const globals = require("globals");

module.exports = [
    {
        files: ["**/*.esm.js"],
        languageOptions: {
            ecmaVersion: 2024,
            sourceType: "module",
            globals: {...globals.browser, odoo: "readonly", owl: "readonly", luxon: "readonly"},
        },
        rules: {
            "no-unused-vars": ["error", {args: "none"}],
            "no-undef": "error",
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: ["error", "smart"],
            "no-console": "error",
            "no-debugger": "error",
        },
    },
];
