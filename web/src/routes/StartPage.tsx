import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../components/Page";
import { useSession } from "../features/identity/session";
import { formatters, uiLanguage } from "../i18n";
import { Overviews } from "./Overviews";
import { useOwnTaskList } from "./ownTasks";

/** "Ihre Aufgaben": what waits for the signed-in person, each a link that opens the step (loaded with the navigation's counts). */
function TaskList() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const tasks = useOwnTaskList();
  const lang = uiLanguage(i18n.language);
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading" className="kern-heading-medium">
        {t("start.tasks")}
      </h2>
      {tasks.problem ? (
        <p className="kern-body">{t("start.tasksError")}</p>
      ) : !tasks.data ? (
        <p className="kern-body" role="status">
          {t("errors.loading")}
        </p>
      ) : tasks.data.items.length === 0 ? (
        <p className="kern-body">{t("start.tasksNone")}</p>
      ) : (
        <>
          <p className="kern-body">{t("start.tasksCount", { count: tasks.data.items.length })}</p>
          <ul className="task-list">
            {tasks.data.items.map((task) => (
              <li key={`${task.kind}:${task.object.id}`} className={`task-list__item task-list__item--${task.kind}`}>
                <Link to={task.link} className="kern-link task-list__step">
                  {task.step[lang]}
                </Link>
                <span className="task-list__object">{task.object.title}</span>
                {task.dueOn ? <span className="task-list__due">{t("start.due", { date: f.dateLong(task.dueOn) })}</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Links as a row of KERN cards, one link each. */
function Tiles({ links }: { links: Array<{ to: string; text: string }> }) {
  return (
    <ul className="kern-list tiles">
      {links.map((link) => (
        <li key={link.to} className="kern-card">
          <div className="kern-card__container">
            <div className="kern-card__body">
              <Link to={link.to} className="kern-link">
                {link.text}
              </Link>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The start page: for the public an introduction, for staff what their roles let them do. */
export function StartPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!me) {
    return (
      <Page title={t("app.name")} intro={t("start.publicIntro")}>
        <Tiles
          links={[
            { to: "/verwaltungen", text: t("start.organizations") },
            { to: "/anmelden", text: t("nav.signIn") },
          ]}
        />
      </Page>
    );
  }
  // What the roles let the person do beyond the tasks and sections above (the pool invitation is the employee's section).
  const tasks = [
    me.abilities.readRequests ? { to: "/anfragen", text: t("start.requests") } : null,
    me.abilities.managePool ? { to: "/pool/mitglieder", text: t("start.poolMembers") } : null,
    me.abilities.manageAccounts ? { to: "/konten", text: t("start.accounts") } : null,
    me.abilities.readAuditLog ? { to: "/protokoll", text: t("start.audit") } : null,
  ].filter((x): x is { to: string; text: string } => x !== null);
  return (
    <Page title={t("start.greeting", { name: me.displayName })}>
      <TaskList />
      <Overviews roles={me.roles} organization={me.organization.name} />
      <h2 className="kern-heading-medium">{t("start.roles", { organization: me.organization.name })}</h2>
      <ul className="badge-list">
        {me.roles.map((role) => (
          <li key={role} className="kern-badge kern-badge--info">
            <span className="kern-label">{t(`roles.${role}`)}</span>
          </li>
        ))}
        {me.department ? (
          <li className="kern-badge">
            <span className="kern-label">{me.department.name}</span>
          </li>
        ) : null}
      </ul>
      {tasks.length ? (
        <>
          <h2 className="kern-heading-medium">{t("start.next")}</h2>
          <Tiles links={tasks} />
        </>
      ) : null}
    </Page>
  );
}
