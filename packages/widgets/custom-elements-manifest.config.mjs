/**
 * The analyzer's Lit support reads every entry of `static properties` as an attribute unless it
 * says `attribute: false`; Lit's `state: true` (internal reactive state) means no attribute too,
 * so those entries are taken out of the elements' attributes here.
 */
function litInternalState() {
  return {
    name: 'ekollega-lit-internal-state',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find(({ name }) => name === node.name.text);
      const properties = node.members.find(
        (member) =>
          ts.isPropertyDeclaration(member) &&
          member.name.getText() === 'properties' &&
          member.initializer &&
          ts.isObjectLiteralExpression(member.initializer),
      );
      if (!declaration || !properties) return;
      const internal = new Set(
        properties.initializer.properties
          .filter(
            (property) =>
              ts.isPropertyAssignment(property) &&
              ts.isObjectLiteralExpression(property.initializer) &&
              property.initializer.properties.some(
                (option) =>
                  option.name?.getText() === 'state' &&
                  option.initializer?.kind === ts.SyntaxKind.TrueKeyword,
              ),
          )
          .map((property) => property.name.getText()),
      );
      declaration.attributes = declaration.attributes?.filter(({ fieldName }) => !internal.has(fieldName));
      for (const member of declaration.members ?? []) {
        if (internal.has(member.name)) delete member.attribute;
      }
    },
  };
}

export default {
  plugins: [litInternalState()],
};
