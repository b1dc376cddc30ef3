/** What the app shell gives every lab page. */
export interface LabPageProps {
  /** The query part of the route (`seed=7&…`), for labs that keep their settings in the link. */
  query: string;
}
