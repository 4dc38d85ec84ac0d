/** @type {import('prettier').Config} */
// OCA's settings; XML keeps its whitespace as written (QWeb renders it).
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    tabWidth: 4,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "strict",
};

module.exports = config;
