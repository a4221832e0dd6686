/** The working group's "Search & activity" tab: search within the group, import a file, and the activity list. */
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { canWriteDocuments } from '../../../shared/roles.js';
import { ActivityList } from '../activity/ActivityList';
import { SearchBox } from '../search/SearchBox';
import { ImportButton } from '../transfer/ImportButton';
import '../panels.css';
import './workspaces.css';

export function ActivityTab(props: { workspace: WorkspaceView }) {
  return (
    <div class="workspace-activity">
      <div class="panel-row">
        <SearchBox workspaceId={props.workspace.id} />
        {canWriteDocuments(props.workspace.role) ? <ImportButton workspaceId={props.workspace.id} /> : null}
      </div>
      <ActivityList workspaceId={props.workspace.id} />
    </div>
  );
}
