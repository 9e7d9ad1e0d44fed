/**
 * Operator details shown in the imprint, privacy notice and accessibility statement.
 * A deployment edits this one file. The defaults describe the demo installation.
 */
export const OPERATOR = {
  name: "Region Hannover – Der Regionspräsident",
  unit: "Koordinierungsstelle Verwaltungskooperation",
  street: "Hildesheimer Straße 18",
  city: "30169 Hannover",
  email: "verbund@region-hannover.demo",
  accessibilityEmail: "barrierefreiheit@region-hannover.demo",
  dataProtectionOfficer: "datenschutz@region-hannover.demo",
  isDemo: true,
  statementDate: "25.11.2026",
};
