import { useTranslation } from "react-i18next";
import { Page } from "../../components/Page";
import { OPERATOR } from "./operator";

function Address() {
  return (
    <address className="kern-body">
      {OPERATOR.name}
      <br />
      {OPERATOR.unit}
      <br />
      {OPERATOR.street}
      <br />
      {OPERATOR.city}
      <br />
      <a className="kern-link" href={`mailto:${OPERATOR.email}`}>
        {OPERATOR.email}
      </a>
    </address>
  );
}

/** Impressum (§ 5 DDG). */
export function ImprintPage() {
  const { i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <Page title={en ? "Imprint" : "Impressum"}>
      {OPERATOR.isDemo ? (
        <p className="kern-body">
          {en
            ? "This is a demonstration installation of Verbund with fictitious accounts. The operator of a production installation states its details here."
            : "Dies ist eine Demonstrationsinstallation von Verbund mit erfundenen Konten. Der Betreiber einer Produktivinstallation nennt hier seine Angaben."}
        </p>
      ) : null}
      <h2 className="kern-heading-medium">{en ? "Provider" : "Anbieter"}</h2>
      <Address />
      <h2 className="kern-heading-medium">{en ? "Data sources and licences" : "Datenquellen und Lizenzen"}</h2>
      <ul className="kern-list kern-list--bullet">
        <li>
          <a className="kern-link" href="https://www.bkg.bund.de">
            © GeoBasis-DE / BKG 2019 (Daten verändert)
          </a>
          , © GeoBasis-DE / BKG 2021 (Daten verändert) – dl-de/by-2-0 ({en ? "municipal boundaries" : "Gemeindegrenzen"})
        </li>
        <li>
          Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, Stand 31.12.2018 – dl-de/by-2-0 (
          {en ? "population, area, reference points" : "Einwohner, Fläche, Bezugspunkte"})
        </li>
        <li>
          {en
            ? "Building authorities: Region Hannover, page “Baugenehmigungen” (facts)"
            : "Zuständigkeit der Bauaufsicht: Region Hannover, Seite „Baugenehmigungen“ (Fakten)"}
        </li>
        <li>
          {en
            ? "Pay tables for cost rates: TVData, © 2023 Beáta Ungurán, BSD-3-Clause (TVöD-VKA, TVöD-SuE, Lower Saxony A scale)"
            : "Entgelt- und Besoldungstabellen für Kostensätze: TVData, © 2023 Beáta Ungurán, BSD-3-Clause (TVöD-VKA, TVöD-SuE, Besoldungsordnung A Niedersachsen)"}
        </li>
        <li>
          {en
            ? "Service catalogue of the standards: OZG-Datenbank-NRW (kdn-nrw), MIT, © 2020 Gert Hammes; contents from the OZG implementation catalogue (BMI) and the LeiKa (FITKO), as of 2019"
            : "Leistungskatalog der Leistungsstandards: OZG-Datenbank-NRW (kdn-nrw), MIT, © 2020 Gert Hammes; Inhalte aus dem OZG-Umsetzungskatalog (BMI) und dem LeiKa (FITKO), Stand 2019"}
        </li>
        <li>{en ? "Design system: KERN UX (EUPL-1.2)" : "Designsystem: KERN UX (EUPL-1.2)"}</li>
      </ul>
    </Page>
  );
}

/** Datenschutzhinweise (Art. 13 DSGVO). */
export function PrivacyPage() {
  const { i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <Page title={en ? "Privacy notice" : "Datenschutzhinweise"}>
      <h2 className="kern-heading-medium">{en ? "Controller" : "Verantwortlich"}</h2>
      <Address />
      <p className="kern-body">
        {en ? "Data protection officer: " : "Datenschutzbeauftragte/r: "}
        <a className="kern-link" href={`mailto:${OPERATOR.dataProtectionOfficer}`}>
          {OPERATOR.dataProtectionOfficer}
        </a>
      </p>
      <h2 className="kern-heading-medium">{en ? "What we process and why" : "Was wir verarbeiten und wozu"}</h2>
      <ul className="kern-list kern-list--bullet">
        <li>
          {en
            ? "Accounts of staff: name, work e-mail address as login, administration, department and roles – to let staff work together (Art. 6(1)(e) GDPR with § 3 NDSG, § 88 GDPR with § 12 NDSG)."
            : "Konten der Beschäftigten: Name, dienstliche E-Mail-Adresse als Anmeldename, Verwaltung, Fachbereich und Rollen – damit die Beschäftigten zusammenarbeiten können (Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 NDSG, Art. 88 DSGVO i. V. m. § 12 NDSG)."}
        </li>
        <li>
          {en
            ? "Sign-ins: time, IP address and result – to protect accounts against misuse; kept for 24 hours (attempts) and in the audit log."
            : "Anmeldungen: Zeitpunkt, IP-Adresse und Ergebnis – zum Schutz der Konten vor Missbrauch; Anmeldeversuche 24 Stunden, im Protokoll dauerhaft."}
        </li>
        <li>
          {en
            ? "Audit log: who changed what and when. It cannot be altered; the HR office of the administration reads it."
            : "Protokoll: wer wann was geändert hat. Es kann nicht verändert werden; das Personalamt der Verwaltung kann es einsehen."}
        </li>
        <li>
          {en
            ? "One technically necessary cookie (verbund_session) holds the session; it ends at sign-out, after 30 idle minutes or at most 12 hours. No tracking, no third-party content."
            : "Ein technisch notwendiges Cookie (verbund_session) hält die Sitzung; es endet bei der Abmeldung, nach 30 Minuten ohne Aktivität, spätestens nach 12 Stunden. Kein Tracking, keine Inhalte Dritter."}
        </li>
      </ul>
      <h2 className="kern-heading-medium">{en ? "Your rights" : "Ihre Rechte"}</h2>
      <p className="kern-body">
        {en
          ? "You have the right to access, rectification, erasure, restriction and objection (Art. 15–21 GDPR) and to complain to the supervisory authority: Die Landesbeauftragte für den Datenschutz Niedersachsen, Prinzenstraße 5, 30159 Hannover."
          : "Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung und Widerspruch (Art. 15–21 DSGVO) und auf Beschwerde bei der Aufsichtsbehörde: Die Landesbeauftragte für den Datenschutz Niedersachsen, Prinzenstraße 5, 30159 Hannover."}
      </p>
    </Page>
  );
}

/** Erklärung zur Barrierefreiheit (§ 9b NBGG). */
export function AccessibilityPage() {
  const { i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <Page title={en ? "Accessibility statement" : "Erklärung zur Barrierefreiheit"}>
      <p className="kern-body">
        {en
          ? "The operator strives to make Verbund accessible in accordance with the Lower Saxony Disability Equality Act (NBGG) and the Accessible Information Technology Ordinance (BITV 2.0), which implement Directive (EU) 2016/2102."
          : "Die Betreiberin ist bemüht, Verbund im Einklang mit dem Niedersächsischen Behindertengleichstellungsgesetz (NBGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen."}
      </p>
      <h2 className="kern-heading-medium">{en ? "Status of compatibility" : "Stand der Vereinbarkeit mit den Anforderungen"}</h2>
      <p className="kern-body">
        {en
          ? "Verbund is partially compatible with WCAG 2.1 level AA. Every page is checked automatically with axe in the browser tests (0 violations required) and operated with the keyboard only."
          : "Verbund ist teilweise mit WCAG 2.1 Stufe AA vereinbar. Jede Seite wird in den Browsertests automatisch mit axe geprüft (0 Verstöße verlangt) und allein mit der Tastatur bedient."}
      </p>
      <h2 className="kern-heading-medium">{en ? "Known limitations" : "Bekannte Einschränkungen"}</h2>
      <ul className="kern-list kern-list--bullet">
        <li>
          {en
            ? "The map of the region is a graphic: its content is also available as a table on the same page."
            : "Die Karte der Region ist eine Grafik: Ihr Inhalt steht auf derselben Seite auch als Tabelle."}
        </li>
        <li>
          {en
            ? "No test with screen readers by affected users has taken place yet; the statement rests on automated checks and a self-assessment."
            : "Ein Test mit Screenreadern durch Betroffene hat noch nicht stattgefunden; die Erklärung beruht auf automatischen Prüfungen und einer Selbstbewertung."}
        </li>
        <li>
          {en
            ? "Texts in Easy Language (Leichte Sprache) and German Sign Language are not yet offered."
            : "Texte in Leichter Sprache und Informationen in Deutscher Gebärdensprache werden noch nicht angeboten."}
        </li>
        <li>
          {en
            ? "The interactive API documentation (/api/docs) is a third-party tool and not checked."
            : "Die interaktive API-Dokumentation (/api/docs) ist ein Fremdwerkzeug und nicht geprüft."}
        </li>
      </ul>
      <p className="kern-body">
        {en
          ? `This statement was prepared on ${OPERATOR.statementDate} (self-assessment).`
          : `Diese Erklärung wurde am ${OPERATOR.statementDate} erstellt (Selbstbewertung).`}
      </p>
      <h2 className="kern-heading-medium">{en ? "Feedback and contact" : "Feedback und Kontakt"}</h2>
      <p className="kern-body">
        {en
          ? "If you notice barriers or need information in an accessible form, write to us: "
          : "Wenn Ihnen Barrieren auffallen oder Sie Informationen in barrierefreier Form brauchen, schreiben Sie uns: "}
        <a className="kern-link" href={`mailto:${OPERATOR.accessibilityEmail}`}>
          {OPERATOR.accessibilityEmail}
        </a>
        . {en ? "We answer within four weeks." : "Wir antworten innerhalb von vier Wochen."}
      </p>
      <h2 className="kern-heading-medium">{en ? "Enforcement procedure" : "Durchsetzungsverfahren (Schlichtungsstelle)"}</h2>
      <p className="kern-body">
        {en
          ? "If you receive no satisfactory answer to your feedback, you can turn to the arbitration board under § 9d NBGG at the Lower Saxony Commissioner for People with Disabilities. The procedure is free of charge and needs no lawyer."
          : "Wenn Sie auf Ihr Feedback keine zufriedenstellende Antwort erhalten, können Sie sich an die Schlichtungsstelle nach § 9d NBGG bei der Landesbeauftragten für Menschen mit Behinderungen Niedersachsen wenden. Das Verfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand."}
      </p>
      <address className="kern-body">
        Schlichtungsstelle nach § 9d NBGG
        <br />
        Landesbeauftragte für Menschen mit Behinderungen Niedersachsen
        <br />
        Hannah-Arendt-Platz 2, 30159 Hannover
      </address>
    </Page>
  );
}
