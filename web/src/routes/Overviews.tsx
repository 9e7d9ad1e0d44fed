import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { useApi } from "../api/hooks";
import type { ResponseOf } from "../api/types";
import { DataTable } from "../components/DataTable";
import { formatters, uiLanguage } from "../i18n";

type Overview = ResponseOf<"/api/v1/me/overview">;

/**
 * Roles whose capability is not built yet: the start page says in a short note what they will
 * find here, instead of tiles that lead nowhere in particular.
 */
export const PLANNED_ROLES = ["finance", "reporter", "climate_manager", "moderator", "clerk"] as const;

/** One section of the start page: a heading and its content. */
function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="overview">
      <h2 id={`${id}-heading`} className="kern-heading-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The region's active crisis in figures, the board a link away. */
function CrisisSection({ section }: { section: NonNullable<Overview["crisis"]> }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  return (
    <>
      {section.crises.map((c) => (
        <Section key={c.crisis.id} id={`crisis-${c.crisis.id}`} title={t("start.crisis.title", { name: c.crisis.name })}>
          <p className="kern-body">
            {t("start.crisis.since", { date: f.dateLong(c.crisis.startsOn) })}{" "}
            {t("start.crisis.figures", {
              count: c.totals.requests,
              headcount: c.totals.headcount,
              offered: c.totals.offered,
              rate: `${f.number(c.totals.fillRate * 100, 0)}\u00a0%`,
              filled: c.filled,
            })}
          </p>
          <p className="kern-body">
            <Link to="/krisen/$id" params={{ id: c.crisis.id }} className="kern-link">
              {t("start.crisis.board")}
            </Link>
          </p>
        </Section>
      ))}
    </>
  );
}

/** What the administration lends and borrows, per partner administration: sentences first, the table behind them. */
export function ExchangeSection({ section, organization }: { section: NonNullable<Overview["exchange"]>; organization: string }) {
  const { t } = useTranslation();
  const nothing = section.partners.length === 0;
  return (
    <Section id="exchange" title={t("start.exchange.title", { organization })}>
      {nothing ? (
        <p className="kern-body">{t("start.exchange.none", { organization })}</p>
      ) : (
        <>
          <p className="kern-body">
            {t("start.exchange.deployed", { count: section.lentOut, organization })}{" "}
            {t("start.exchange.borrowed", { count: section.borrowedIn, organization })}{" "}
            {section.lentAgreed + section.borrowedAgreed > 0
              ? t("start.exchange.agreed", { lent: section.lentAgreed, borrowed: section.borrowedAgreed })
              : null}
          </p>
          <DataTable
            id="exchange-caption"
            caption={t("start.exchange.caption")}
            stacked
            columns={[
              { label: t("start.exchange.partner") },
              { label: t("start.exchange.lentOut"), numeric: true },
              { label: t("start.exchange.borrowedIn"), numeric: true },
              { label: t("start.exchange.lentAgreed"), numeric: true },
              { label: t("start.exchange.borrowedAgreed"), numeric: true },
            ]}
          >
            {section.partners.map((p) => (
              <tr key={p.organization.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {p.organization.name}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{p.lentOut}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{p.borrowedIn}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{p.lentAgreed}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{p.borrowedAgreed}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <p className="kern-body">
        <Link to="/abordnungen" search={{ stand: "active" }} className="kern-link">
          {t("start.exchange.link")}
        </Link>
      </p>
    </Section>
  );
}

/** The HR office's queue: how many secondments wait for which of its steps. */
function HrQueueSection({ section }: { section: NonNullable<Overview["hrQueue"]> }) {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.language);
  return (
    <Section id="queue" title={t("start.queue.title")}>
      {section.total === 0 ? (
        <p className="kern-body">{t("start.queue.none")}</p>
      ) : (
        <>
          <p className="kern-body">{t("start.queue.total", { count: section.total })}</p>
          <ul className="figure-list">
            {section.steps.map((s) => (
              <li key={s.key}>
                <span className="figure-list__count">{s.count}</span> {s.step[lang]}
              </li>
            ))}
          </ul>
          <p className="kern-body">
            <Link to="/abordnungen" className="kern-link">
              {t("start.queue.link")}
            </Link>
          </p>
        </>
      )}
    </Section>
  );
}

/** The employee's own secondments, soonest first, each a link. */
function OwnSecondmentsSection({ section }: { section: NonNullable<Overview["ownSecondments"]> }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  return (
    <Section id="own" title={t("start.ownSecondments.title")}>
      {section.items.length === 0 ? (
        <p className="kern-body">{t("start.ownSecondments.none")}</p>
      ) : (
        <ul className="task-list">
          {section.items.map((s) => (
            <li key={s.id} className="task-list__item">
              <Link to="/abordnungen/$id" params={{ id: s.id }} className="kern-link task-list__step">
                {s.request ? t("start.ownSecondments.toRequest", { borrower: s.borrower.name, request: s.request.title }) : s.borrower.name}
              </Link>
              <span className="task-list__object">
                {t("start.ownSecondments.period", { from: f.dateLong(s.startsOn), to: f.dateLong(s.endsOn) })} ·{" "}
                {t(`secondments.states.${s.state}`)}
                {s.isWaitingForMe ? ` · ${t("start.ownSecondments.yourStep")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The employee's pool entry: in or not, qualifications, availability today. */
function PoolEntrySection({ section }: { section: NonNullable<Overview["poolEntry"]> }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const q = section.qualifications;
  return (
    <Section id="pool-entry" title={t("start.poolEntry.title")}>
      {section.status === "member" ? (
        <>
          <p className="kern-body">
            {t("start.poolEntry.member", { date: f.dateLong(section.since!) })} {t("start.poolEntry.confirmed", { count: q.confirmed })}
            {q.awaitingConfirmation ? ` ${t("start.poolEntry.awaiting", { count: q.awaitingConfirmation })}` : ""}
            {q.expiringSoon ? ` ${t("start.poolEntry.expiring", { count: q.expiringSoon })}` : ""}
          </p>
          <p className="kern-body">
            {section.availableNow
              ? t("start.poolEntry.availableNow", { hours: section.availableNow.hoursPerWeek })
              : section.windowsAhead
                ? t("start.poolEntry.availableLater")
                : t("start.poolEntry.noAvailability")}
          </p>
          <p className="kern-body">
            <Link to="/pool" className="kern-link">
              {t("start.poolEntry.edit")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="kern-body">
            {section.status === "left" ? t("start.poolEntry.left", { date: f.dateLong(section.since!) }) : t("start.poolEntry.none")}
          </p>
          <p className="kern-body">
            <Link to="/pool" className="kern-link">
              {section.status === "left" ? t("start.poolEntry.rejoin") : t("start.pool")}
            </Link>
          </p>
        </>
      )}
    </Section>
  );
}

/**
 * Below the task list: the sections of the person's roles (from `/me/overview`), then for roles
 * whose capability is not built yet a short note of what will be there.
 */
export function Overviews({ roles, organization }: { roles: readonly string[]; organization: string }) {
  const { t } = useTranslation();
  const query = useApi<Overview>(() => api.GET("/api/v1/me/overview"), []);
  const o = query.data;
  const planned = PLANNED_ROLES.filter((role) => roles.includes(role));
  return (
    <>
      {query.problem ? <p className="kern-body">{t("start.overviewError")}</p> : null}
      {o?.crisis ? <CrisisSection section={o.crisis} /> : null}
      {roles.includes("management") ? (
        <Section id="dashboard" title={t("dashboard.startTitle")}>
          <p className="kern-body">{t("dashboard.startText")}</p>
          <p className="kern-body">
            <Link to="/chefsache" className="kern-link">
              {t("dashboard.startLink", { organization })}
            </Link>
          </p>
        </Section>
      ) : null}
      {o?.exchange ? <ExchangeSection section={o.exchange} organization={organization} /> : null}
      {o?.hrQueue ? <HrQueueSection section={o.hrQueue} /> : null}
      {o?.ownSecondments ? <OwnSecondmentsSection section={o.ownSecondments} /> : null}
      {o?.poolEntry ? <PoolEntrySection section={o.poolEntry} /> : null}
      {planned.map((role) => (
        <Section key={role} id={`planned-${role}`} title={t("start.planned.title", { role: t(`roles.${role}`) })}>
          <p className="kern-body">
            {t(`start.planned.${role}`)} {t("start.planned.coming")}
          </p>
        </Section>
      ))}
    </>
  );
}
